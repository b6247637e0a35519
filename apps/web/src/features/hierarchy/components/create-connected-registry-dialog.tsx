import {
  Checkbox,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import {
  connectedRegistryDefaults,
  connectedRegistryLogLevels,
  type ConnectedRegistryMode,
  type CreateConnectedRegistryRequest,
  type RegistryOverview,
} from '@latchkey/domain';
import { useId, useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { FailureSteps } from '../../../components/steps-report';
import { TypedConfirmation, typedMatches } from '../../../components/typed-confirmation';
import { fieldError } from '../../../lib/field-error';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { stepOutcomeLabel } from '../../../lib/steps';
import { useCreateConnectedRegistry } from '../api/connected-registry-lifecycle';
import { createPlan, modeProblem, nameProblem } from '../utils/create-plan';
import { parseRepositoryList } from '../utils/synced-repositories';

const useStyles = makeStyles({
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  heading: { margin: 0 },
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

const CLOUD = '';
const optional = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** The create form, its plan and its typed confirmation; loaded when the button is first pressed. */
export function CreateConnectedRegistryDialog({
  registry,
  overview,
  onClose,
  onCreated,
}: {
  registry: RegistryParams;
  overview: RegistryOverview;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const styles = useStyles();
  const planId = useId();
  const notify = useNotifySuccess();
  const mutation = useCreateConnectedRegistry(registry);
  const [name, setName] = useState('');
  const [parentName, setParentName] = useState(CLOUD);
  const [mode, setMode] = useState<ConnectedRegistryMode>('ReadOnly');
  const [reposText, setReposText] = useState('');
  const [schedule, setSchedule] = useState('');
  const [syncWindow, setSyncWindow] = useState('');
  const [messageTtl, setMessageTtl] = useState<string>(connectedRegistryDefaults.messageTtl);
  const [logLevel, setLogLevel] = useState<string>(connectedRegistryDefaults.logLevel);
  const [clientText, setClientText] = useState('');
  const [enableEndpoint, setEnableEndpoint] = useState(false);
  const [typed, setTyped] = useState('');

  const all = overview.connectedRegistries;
  const parent = all.find((c) => c.name === parentName);
  const endpointOff = !overview.registry.dataEndpointEnabled;
  const repos = parseRepositoryList(reposText);
  const clientTokens = clientText
    .split(/[\n,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  const badName = nameProblem(name.trim(), {
    connectedRegistries: all.map((c) => c.name),
    tokens: overview.tokens.map((t) => t.name),
    scopeMaps: overview.scopeMaps.map((m) => m.name),
  });
  const badMode = modeProblem(parent, mode);
  const endpointReady =
    !endpointOff || (enableEndpoint && typedMatches(typed, overview.registry.name));
  const canSubmit =
    name.trim() !== '' &&
    !badName &&
    !badMode &&
    repos.repositories.length > 0 &&
    repos.errors.length === 0 &&
    endpointReady;
  const plan = createPlan(name.trim(), mode, parent, all, {
    enableDataEndpoint: endpointOff && enableEndpoint ? overview.registry.name : undefined,
  });
  const serverField = (f: string) => fieldError(mutation.error, f);

  const body = (): CreateConnectedRegistryRequest => ({
    name: name.trim(),
    parent: parent ? parent.name : null,
    mode,
    repositories: repos.repositories,
    ...(optional(schedule) ? { syncSchedule: optional(schedule) } : {}),
    ...(optional(syncWindow) ? { syncWindow: optional(syncWindow) } : {}),
    ...(optional(messageTtl) ? { messageTtl: optional(messageTtl) } : {}),
    logLevel: logLevel as CreateConnectedRegistryRequest['logLevel'],
    ...(clientTokens.length ? { clientTokens } : {}),
    ...(endpointOff
      ? { enableDataEndpoint: enableEndpoint, confirmRegistryName: typed.trim() }
      : {}),
  });

  return (
    <ActionDialog
      title="Create a connected registry"
      submitLabel="Create"
      pendingLabel="Creating…"
      canSubmit={canSubmit}
      pending={mutation.isPending}
      error={mutation.error}
      wide
      onDismiss={onClose}
      onSubmit={() =>
        mutation.mutate(body(), {
          onSuccess: (result) => {
            onClose();
            keepFocusOnPage();
            notify(
              `${result.connectedRegistry.name} created`,
              [
                ...result.steps.map((s) => `${stepOutcomeLabel(s.outcome)}: ${s.step}.`),
                ...result.warnings,
              ].join(' '),
            );
            onCreated(result.connectedRegistry.name);
          },
        })
      }
    >
      <Text>
        As <span className={styles.mono}>az acr connected-registry create --repository</span> does:
        a sync scope map and a sync token named after it, its gateway and repositories added to
        every ancestor&apos;s sync scope map, then the connected registry. If a step fails, the
        finished ones are undone.
      </Text>
      <Field
        label="Name"
        required
        hint="5–50 letters or digits. Its sync token and sync scope map take the same name."
        validationState={badName || serverField('name') ? 'error' : 'none'}
        validationMessage={badName ?? serverField('name')}
      >
        <Input value={name} onChange={(_e, d) => setName(d.value)} autoComplete="off" />
      </Field>
      <Field
        label="Parent"
        hint="The registry it syncs with."
        validationMessage={serverField('parent')}
      >
        <Select value={parentName} onChange={(_e, d) => setParentName(d.value)}>
          <option value={CLOUD}>{overview.registry.name} (cloud registry)</option>
          {all.map((c) => (
            <option key={c.name} value={c.name}>
              {c.name} ({c.mode})
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Mode"
        validationState={badMode || serverField('mode') ? 'error' : 'none'}
        validationMessage={badMode ?? serverField('mode')}
      >
        <RadioGroup
          value={mode}
          onChange={(_e, d) => setMode(d.value as ConnectedRegistryMode)}
          layout="horizontal"
        >
          <Radio value="ReadOnly" label="ReadOnly (pull only)" />
          <Radio value="ReadWrite" label="ReadWrite (pull and push)" />
        </RadioGroup>
      </Field>
      <Field
        label="Repositories to sync"
        required
        hint="One name per line, e.g. factory/line-agent. Names only, no patterns."
        validationState={repos.errors.length > 0 ? 'error' : 'none'}
        validationMessage={
          repos.errors.length > 0 ? repos.errors.join(' ') : serverField('repositories')
        }
      >
        <Textarea
          value={reposText}
          onChange={(_e, d) => setReposText(d.value)}
          resize="vertical"
          textarea={{ spellCheck: false, autoComplete: 'off', className: styles.mono }}
        />
      </Field>
      <div className={styles.grid}>
        <Field
          label="Sync schedule"
          hint="Cron, 5 fields. Empty: continuous."
          validationMessage={serverField('syncSchedule')}
        >
          <Input
            value={schedule}
            placeholder={connectedRegistryDefaults.syncSchedule}
            onChange={(_e, d) => setSchedule(d.value)}
            input={{ className: styles.mono }}
          />
        </Field>
        <Field
          label="Sync window"
          hint="With a schedule: PT1H to P7D."
          validationMessage={serverField('syncWindow')}
        >
          <Input value={syncWindow} onChange={(_e, d) => setSyncWindow(d.value)} />
        </Field>
        <Field
          label="Message TTL"
          hint="P1D to P90D."
          validationMessage={serverField('messageTtl')}
        >
          <Input value={messageTtl} onChange={(_e, d) => setMessageTtl(d.value)} />
        </Field>
        <Field label="Log level">
          <Select value={logLevel} onChange={(_e, d) => setLogLevel(d.value)}>
            {connectedRegistryLogLevels.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </Select>
        </Field>
      </div>
      <Field
        label="Client tokens (optional)"
        hint="Names of existing tokens its clients use, one per line. At most 20."
        validationMessage={serverField('clientTokens.0')}
      >
        <Textarea
          value={clientText}
          onChange={(_e, d) => setClientText(d.value)}
          resize="vertical"
          textarea={{ spellCheck: false, autoComplete: 'off', className: styles.mono }}
        />
      </Field>
      {endpointOff ? (
        <>
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Connected registries need the dedicated data endpoint of {overview.registry.name},
              which is off. Enabling it might affect your firewall rules.
            </MessageBarBody>
          </MessageBar>
          <Checkbox
            checked={enableEndpoint}
            onChange={(_e, d) => setEnableEndpoint(!!d.checked)}
            label={`Enable the data endpoint of ${overview.registry.name}`}
          />
          {enableEndpoint ? (
            <TypedConfirmation
              expected={overview.registry.name}
              what="the registry's name"
              value={typed}
              onChange={setTyped}
              validationMessage={serverField('confirmRegistryName')}
            />
          ) : null}
        </>
      ) : null}
      <section className={styles.plan} aria-labelledby={planId}>
        <Text as="h3" id={planId} weight="semibold" className={styles.heading}>
          What this does, in order
        </Text>
        <ol className={styles.list}>
          {plan.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ol>
        <Text>
          It starts without a password: generate its connection string afterwards to deploy it.
        </Text>
      </section>
      <FailureSteps error={mutation.error} title="What happened at each step" />
    </ActionDialog>
  );
}
