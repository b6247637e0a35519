import {
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { PasswordSlotName, RegistryOverview } from '@latchkey/domain';
import { useMemo, useState } from 'react';
import { slotLabel } from '../../../components/password-slots';
import { isApiError } from '../../../lib/api-client';
import type { CreateTokenBody } from '../api/create-token';
import { defaultExpiryChoice, expiryValue, type ExpiryChoice } from '../utils/expiry';
import {
  buildInlineScopeMap,
  countActions,
  maxScopeMapActions,
  type GatewayRow,
  type RepositoryRow,
} from '../../../lib/inline-scope-map';
import { tokenNameError } from '../utils/token-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { ExpiryField } from './expiry-field';
import {
  emptyRepositoryRow,
  InlineScopeMapEditor,
} from '../../../components/inline-scope-map-editor';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  heading: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  actions: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    fontFamily: tokens.fontFamilyMonospace,
  },
});

type ScopeMode = 'existing' | 'inline';

function serverFieldError(error: unknown, field: string): string | undefined {
  if (!isApiError(error)) return undefined;
  return error.details.find((d) => d.field === field)?.message;
}

/** The create-token form; loaded when "Create token" is first pressed (create-token-action.tsx). */
export function CreateTokenForm({
  overview,
  now,
  pending,
  error,
  onSubmit,
  onDismiss,
}: {
  overview: RegistryOverview;
  now: number;
  pending: boolean;
  error: unknown;
  onSubmit: (body: CreateTokenBody) => void;
  onDismiss: () => void;
}) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const [status, setStatus] = useState<'enabled' | 'disabled'>('enabled');
  const [mode, setMode] = useState<ScopeMode>('existing');
  const [existing, setExisting] = useState('');
  const [repositories, setRepositories] = useState<RepositoryRow[]>(() => [emptyRepositoryRow()]);
  const [gateways, setGateways] = useState<GatewayRow[]>([]);
  const [slot, setSlot] = useState<PasswordSlotName>('password1');
  const [expiry, setExpiry] = useState<ExpiryChoice>(defaultExpiryChoice);
  // Errors for untouched fields wait for the first submit; the name is checked as it is typed.
  const [submitted, setSubmitted] = useState(false);

  const existingNames = useMemo(() => overview.tokens.map((t) => t.name), [overview.tokens]);
  const scopeMaps = useMemo(
    () => [...overview.scopeMaps].sort((a, b) => a.name.localeCompare(b.name)),
    [overview.scopeMaps],
  );
  const userMaps = scopeMaps.filter((m) => m.type === 'UserDefined');
  const systemMaps = scopeMaps.filter((m) => m.type === 'SystemDefined');
  const selectedMap = scopeMaps.find((m) => m.name === existing);

  const nameError = name === '' && !submitted ? undefined : tokenNameError(name, existingNames);
  const inline = buildInlineScopeMap(repositories, gateways);
  const existingError = mode === 'existing' && !existing ? 'Choose a scope map.' : undefined;
  const expiryResult = expiryValue(expiry, now);
  const valid =
    !tokenNameError(name, existingNames) &&
    expiryResult.ok &&
    (mode === 'existing' ? !existingError : inline.ok);

  const submit = () => {
    setSubmitted(true);
    if (!valid) return;
    const value = expiryValue(expiry, Date.now());
    if (!value.ok) return;
    const scopeMap =
      mode === 'existing' ? { existing } : inline.ok ? { inline: inline.value } : undefined;
    if (!scopeMap) return;
    onSubmit({ name, status, scopeMap, password: { slot, expiry: value.value } });
  };

  return (
    <ActionDialog
      title="Create a token"
      submitLabel="Create token"
      pendingLabel="Creating…"
      // Submitting with errors reveals them all, rather than a dead button that does not say why.
      canSubmit
      pending={pending}
      error={error}
      onDismiss={onDismiss}
      onSubmit={submit}
      wide
    >
      <Field
        label="Name"
        required
        hint="5–50 letters, digits or hyphens; unique in the registry."
        validationMessage={nameError ?? serverFieldError(error, 'name')}
      >
        <Input
          value={name}
          onChange={(_e, d) => setName(d.value)}
          autoComplete="off"
          spellCheck={false}
        />
      </Field>
      <Field label="Status">
        <RadioGroup
          layout="horizontal"
          value={status}
          onChange={(_e, d) => setStatus(d.value as 'enabled' | 'disabled')}
        >
          <Radio value="enabled" label="Enabled" />
          <Radio value="disabled" label="Disabled (enable it later)" />
        </RadioGroup>
      </Field>

      <section className={styles.section} aria-labelledby="create-scope-heading">
        <Text as="h3" id="create-scope-heading" weight="semibold" className={styles.heading}>
          What the token can reach
        </Text>
        <Field label="Scope map">
          <RadioGroup value={mode} onChange={(_e, d) => setMode(d.value as ScopeMode)}>
            <Radio value="existing" label="Use an existing scope map" />
            <Radio
              value="inline"
              label="Define permissions here (creates a new scope map for this token)"
            />
          </RadioGroup>
        </Field>
        {mode === 'existing' ? (
          <>
            <Field
              label="Existing scope map"
              required
              validationMessage={submitted ? existingError : undefined}
            >
              <Select value={existing} onChange={(_e, d) => setExisting(d.value)}>
                <option value="">Choose a scope map</option>
                {userMaps.length > 0 ? (
                  <optgroup label="Scope maps of this registry">
                    {userMaps.map((m) => (
                      <option key={m.name} value={m.name}>
                        {m.name} ({m.actions.length} actions, used by {m.usedBy.length})
                      </option>
                    ))}
                  </optgroup>
                ) : null}
                <optgroup label="System scope maps (every repository)">
                  {systemMaps.map((m) => (
                    <option key={m.name} value={m.name}>
                      {m.name}
                      {m.description ? `: ${m.description}` : ''}
                    </option>
                  ))}
                </optgroup>
              </Select>
            </Field>
            {selectedMap ? (
              <>
                {selectedMap.type === 'SystemDefined' ? (
                  <MessageBar intent="warning" layout="multiline">
                    <MessageBarBody>
                      {selectedMap.name} is a system scope map: it grants its permissions on every
                      repository of the registry (repositories/*), including repositories created
                      later.
                    </MessageBarBody>
                  </MessageBar>
                ) : null}
                <Text className={styles.muted}>Actions of {selectedMap.name}:</Text>
                <ul className={styles.actions}>
                  {selectedMap.actions.slice(0, 12).map((a) => (
                    <li key={a}>{a}</li>
                  ))}
                  {selectedMap.actions.length > 12 ? (
                    <li>and {selectedMap.actions.length - 12} more</li>
                  ) : null}
                </ul>
              </>
            ) : null}
          </>
        ) : (
          <>
            <InlineScopeMapEditor
              repositories={repositories}
              gateways={gateways}
              onRepositoriesChange={setRepositories}
              onGatewaysChange={setGateways}
              errors={submitted && !inline.ok ? inline.errors : undefined}
            />
            <Text className={styles.muted} size={200}>
              {countActions(repositories, gateways)} of at most {maxScopeMapActions} actions.
            </Text>
          </>
        )}
      </section>

      <section className={styles.section} aria-labelledby="create-password-heading">
        <Text as="h3" id="create-password-heading" weight="semibold" className={styles.heading}>
          First password
        </Text>
        <Text className={styles.muted}>
          A token without a password cannot be used, so creation ends with one. It is shown once.
        </Text>
        <Field label="Slot" hint="The other slot stays free for the next rotation.">
          <RadioGroup
            layout="horizontal"
            value={slot}
            onChange={(_e, d) => setSlot(d.value as PasswordSlotName)}
          >
            <Radio value="password1" label={slotLabel('password1')} />
            <Radio value="password2" label={slotLabel('password2')} />
          </RadioGroup>
        </Field>
        <ExpiryField value={expiry} onChange={setExpiry} now={now} />
      </section>
      {submitted && !valid ? (
        <MessageBar intent="error">
          <MessageBarBody>
            Some fields need attention before the token can be created.
          </MessageBarBody>
        </MessageBar>
      ) : null}
    </ActionDialog>
  );
}
