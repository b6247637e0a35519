import {
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Radio,
  RadioGroup,
  Text,
  tokens,
} from '@fluentui/react-components';
import { PlugConnected20Regular } from '@fluentui/react-icons';
import {
  proposedSlot,
  type ConnectedRegistryView,
  type PasswordSlot,
  type PasswordSlotName,
  type TokenView,
} from '@latchkey/domain';
import { useEffect, useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { describeSlotDates, slotLabel } from '../../../components/password-slots';
import { RevealOnceDialog } from '../../../components/reveal-once-dialog';
import { TypedConfirmation, typedMatches } from '../../../components/typed-confirmation';
import { fieldError } from '../../../lib/field-error';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import {
  useGenerateConnectionString,
  type ConnectionStringBody,
} from '../api/generate-connection-string';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

function describeSlot(slot: PasswordSlot): string {
  if (!slot.present) return 'empty';
  return `holds a password ${describeSlotDates(slot, Date.now())}`;
}

function ConnectionStringForm({
  connectedRegistry: cr,
  syncToken,
  pending,
  error,
  onSubmit,
  onDismiss,
}: {
  connectedRegistry: ConnectedRegistryView;
  syncToken: TokenView;
  pending: boolean;
  error: unknown;
  onSubmit: (body: ConnectionStringBody) => void;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const [slot, setSlot] = useState<PasswordSlotName>(() => proposedSlot(syncToken.passwords));
  const [protocol, setProtocol] = useState<'https' | 'http'>('https');
  const [typed, setTyped] = useState('');
  const chosen = syncToken.passwords.find((s) => s.name === slot);
  const toCloud = cr.parentName === null;
  return (
    <ActionDialog
      title={`Generate the connection string of ${cr.name}?`}
      submitLabel="Rotate the password and generate"
      pendingLabel="Generating…"
      destructive
      canSubmit={typedMatches(typed, cr.name)}
      pending={pending}
      error={error}
      onDismiss={onDismiss}
      onSubmit={() =>
        onSubmit({
          slot,
          parentProtocol: toCloud ? 'https' : protocol,
          confirmConnectedRegistryName: typed.trim(),
        })
      }
    >
      <MessageBar intent="error" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>This rotates the sync token&apos;s password</MessageBarTitle>
          The connection string carries a new password of the sync token {syncToken.name}, generated
          now in the slot chosen below.{' '}
          {chosen?.present ? (
            <>
              The password that slot holds stops working at once: if {cr.name} syncs with it, it
              stops syncing until it is reconfigured with the new connection string.
            </>
          ) : (
            <>That slot is empty: no password stops working.</>
          )}{' '}
          The other slot is not touched.
        </MessageBarBody>
      </MessageBar>
      <Field label="Sync token password slot to replace">
        <RadioGroup value={slot} onChange={(_e, d) => setSlot(d.value as PasswordSlotName)}>
          {syncToken.passwords.map((s) => (
            <Radio
              key={s.name}
              value={s.name}
              label={`${slotLabel(s.name)}: ${describeSlot(s)}${s.name === proposedSlot(syncToken.passwords) ? ' · proposed (empty or older)' : ''}`}
            />
          ))}
        </RadioGroup>
      </Field>
      {chosen?.present ? (
        <Text>
          {slotLabel(slot)} holds a password now: it is replaced. Choose the slot {cr.name} is not
          running with if you want it to keep syncing until you redeploy.
        </Text>
      ) : null}
      {toCloud ? (
        <Text>{cr.name} syncs with the cloud registry, which is reached over https only.</Text>
      ) : (
        <Field label={`Protocol ${cr.name} uses to reach its parent ${cr.parentName}`}>
          <RadioGroup
            value={protocol}
            layout="horizontal"
            onChange={(_e, d) => setProtocol(d.value === 'http' ? 'http' : 'https')}
          >
            <Radio value="https" label="https" />
            <Radio value="http" label="http (unencrypted)" />
          </RadioGroup>
        </Field>
      )}
      <ul className={styles.list}>
        <li>The new password expires in 90 days.</li>
        <li>The connection string is shown once; the console keeps no copy.</li>
        <li>The new password takes about a minute to reach the registry.</li>
      </ul>
      <TypedConfirmation
        expected={cr.name}
        what="the connected registry's name"
        value={typed}
        onChange={setTyped}
        validationMessage={fieldError(error, 'confirmConnectedRegistryName')}
      />
    </ActionDialog>
  );
}

/** "Generate connection string": warn, confirm by name, then reveal once. A fix link can open it. */
export function ConnectionStringAction({
  registry,
  connectedRegistry: cr,
  syncToken,
  requested,
  onRequestHandled,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  syncToken: TokenView | undefined;
  requested: boolean;
  onRequestHandled: () => void;
}) {
  const notify = useNotifySuccess();
  const mutation = useGenerateConnectionString(registry, cr.name);
  const [open, setOpen] = useState(false);
  const result = mutation.data;
  const { reset } = mutation;

  useEffect(() => {
    if (!requested) return;
    reset();
    setOpen(true);
    onRequestHandled();
  }, [requested, onRequestHandled, reset]);

  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="credentials.generate"
        icon={<PlugConnected20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setOpen(true);
        }}
      >
        Generate connection string
      </AzureGatedButton>
      {open && !result && !syncToken ? (
        <ActionDialog
          title={`No connection string for ${cr.name}`}
          submitLabel="Generate"
          pendingLabel="Generating…"
          canSubmit={false}
          pending={false}
          error={undefined}
          onSubmit={() => undefined}
          onDismiss={() => setOpen(false)}
        >
          <Text>
            A connection string carries the sync token&apos;s password, and {cr.name}&apos;s sync
            token {cr.syncTokenName ? `${cr.syncTokenName} was not found` : 'is missing'}.
          </Text>
        </ActionDialog>
      ) : null}
      {open && !result && syncToken ? (
        <ConnectionStringForm
          connectedRegistry={cr}
          syncToken={syncToken}
          pending={mutation.isPending}
          error={mutation.error}
          onSubmit={(body) => mutation.mutate(body)}
          onDismiss={() => {
            setOpen(false);
            mutation.reset();
          }}
        />
      ) : null}
      {result ? (
        <RevealOnceDialog
          title={`Connection string of ${cr.name}`}
          tokenName={syncToken?.name ?? cr.name}
          credentials={result.credentials}
          connectionString={result.connectionString}
          notices={result.warnings}
          onClose={() => {
            const slot = result.credentials.passwords[0]?.name;
            // Dropping the mutation's result is what forgets the connection string.
            mutation.reset();
            setOpen(false);
            keepFocusOnPage();
            notify(
              `Connection string of ${cr.name} generated`,
              `${slot ? slotLabel(slot) : 'A password'} of its sync token was replaced: reconfigure ${cr.name} with the new connection string.`,
            );
          }}
        />
      ) : null}
    </>
  );
}
