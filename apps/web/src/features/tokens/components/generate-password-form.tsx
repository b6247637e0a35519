import {
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  passwordState,
  proposedSlot,
  type PasswordSlot,
  type PasswordSlotName,
  type TokenView,
} from '@latchkey/domain';
import { useState } from 'react';
import { describeSlotDates, slotLabel } from '../../../components/password-slots';
import { passwordStateLabels } from '../../../components/status-badges';
import { formatDate } from '../../../lib/format';
import type { GeneratePasswordBody } from '../api/generate-password';
import { defaultExpiryChoice, expiryValue, type ExpiryChoice } from '../utils/expiry';
import { slotOverwriteWarning } from '../utils/token-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { ExpiryField } from './expiry-field';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function describeSlot(slot: PasswordSlot, now: number): string {
  if (!slot.present) return 'empty';
  const state = passwordStateLabels[passwordState(slot, now)].toLowerCase();
  return `${describeSlotDates(slot, now)} (${state})`;
}

/** The form of GeneratePasswordAction (generate-password-action.tsx), loaded when it first opens. */
export function GeneratePasswordForm({
  token,
  now,
  pending,
  error,
  onSubmit,
  onDismiss,
}: {
  token: TokenView;
  now: number;
  pending: boolean;
  error: unknown;
  onSubmit: (body: GeneratePasswordBody) => void;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const proposed = proposedSlot(token.passwords);
  const [slot, setSlot] = useState<PasswordSlotName>(proposed);
  const [expiry, setExpiry] = useState<ExpiryChoice>(defaultExpiryChoice);
  const chosen = token.passwords.find((s) => s.name === slot);
  const overwrite = chosen ? slotOverwriteWarning(chosen) : undefined;
  const other = token.passwords.find((s) => s.name !== slot);
  const expiryResult = expiryValue(expiry, now);
  return (
    <ActionDialog
      title={`Generate a password for ${token.name}`}
      submitLabel={`Generate ${slotLabel(slot).toLowerCase()}`}
      pendingLabel="Generating…"
      canSubmit={expiryResult.ok}
      pending={pending}
      error={error}
      onDismiss={onDismiss}
      // The expiry is computed at submit time, so "90 days" means 90 days from the click.
      onSubmit={() => {
        const value = expiryValue(expiry, Date.now());
        if (value.ok) onSubmit({ slot, expiry: value.value });
      }}
    >
      <Text>
        A token has two password slots so passwords can be rotated without downtime: generate the
        new password in the unused (or older) slot, move every client to it, then revoke the old
        one. The console proposes the slot that keeps current clients working.
      </Text>
      <Field label="Slot">
        <RadioGroup value={slot} onChange={(_e, d) => setSlot(d.value as PasswordSlotName)}>
          {token.passwords.map((s) => (
            <Radio
              key={s.name}
              value={s.name}
              label={`${slotLabel(s.name)}: ${describeSlot(s, now)}${s.name === proposed ? ' · proposed' : ''}`}
            />
          ))}
        </RadioGroup>
      </Field>
      {overwrite ? (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {slotLabel(slot)} was created {formatDate(chosen?.creationTime)}. {overwrite}
            {other?.present
              ? ` Clients should be using ${slotLabel(other.name).toLowerCase()} before you continue.`
              : ''}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {token.kind.type === 'sync' ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            {token.name} is the sync token of {token.kind.connectedRegistry}, which keeps using the
            password it was given. It gets a new one only through a new connection string.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <ExpiryField value={expiry} onChange={setExpiry} now={now} />
      <ul className={styles.list}>
        <li>The password is shown once, right after it is generated.</li>
        <li>It takes about a minute to reach the registry.</li>
      </ul>
    </ActionDialog>
  );
}
