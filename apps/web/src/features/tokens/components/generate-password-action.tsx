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
import { KeyReset20Regular } from '@fluentui/react-icons';
import {
  passwordState,
  proposedSlot,
  type PasswordSlot,
  type PasswordSlotName,
  type TokenView,
} from '@latchkey/domain';
import { useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { describeSlotDates, slotLabel } from '../../../components/password-slots';
import { passwordStateLabels } from '../../../components/status-badges';
import { formatDate } from '../../../lib/format';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { useRevealOnceFlow } from '../../../lib/use-reveal-once-flow';
import { useGeneratePassword, type GeneratePasswordBody } from '../api/generate-password';
import { defaultExpiryChoice, expiryValue, type ExpiryChoice } from '../utils/expiry';
import { slotOverwriteWarning } from '../utils/token-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { ExpiryField } from './expiry-field';
import { RevealOnceDialog } from '../../../components/reveal-once-dialog';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function describeSlot(slot: PasswordSlot, now: number): string {
  if (!slot.present) return 'empty';
  const state = passwordStateLabels[passwordState(slot, now)].toLowerCase();
  return `${describeSlotDates(slot, now)} (${state})`;
}

function GeneratePasswordForm({
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

/** The "Generate password" button, its form, and the reveal-once dialog that follows. */
export function GeneratePasswordAction({
  registry,
  token,
  now,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  token: TokenView;
  now: number;
  /** Open the form on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const flow = useRevealOnceFlow(useGeneratePassword(registry, token.name), defaultOpen);
  const notify = useNotifySuccess();
  const result = flow.result;
  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="credentials.generate"
        icon={<KeyReset20Regular />}
        {...restoreFocusTarget}
        onClick={flow.start}
      >
        Generate password
      </AzureGatedButton>
      {flow.form ? <GeneratePasswordForm token={token} now={now} {...flow.form} /> : null}
      {result ? (
        <RevealOnceDialog
          title={`New password for ${token.name}`}
          tokenName={token.name}
          credentials={result.credentials}
          steps={result.steps.length > 1 ? result.steps : []}
          onClose={() => {
            const slots = result.credentials.passwords.map((p) => slotLabel(p.name)).join(', ');
            flow.forget();
            keepFocusOnPage();
            notify(
              `${slots || 'Password'} of ${token.name} generated`,
              'It reaches the registry in about a minute.',
            );
          }}
        />
      ) : null}
    </>
  );
}
