import { Checkbox, Field, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { ArrowSync20Regular } from '@fluentui/react-icons';
import type { ConnectedRegistryView, TokenView } from '@latchkey/domain';
import { useEffect, useId, useState } from 'react';
import { ActionDialog } from '../../../components/action-dialog';
import { useNotifySuccess } from '../../../components/notify';
import { FailureSteps } from '../../../components/steps-report';
import { keepFocusOnPage } from '../../../lib/focus';
import type { RegistryParams } from '../../../lib/registry-ref';
import { stepOutcomeLabel } from '../../../lib/steps';
import { useUpdateSyncedRepositories } from '../api/update-synced-repositories';
import { parseRepositoryList, syncMapTargets } from '../utils/synced-repositories';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  mono: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  heading: { margin: 0 },
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** Only plain names can be removed through this action: the BFF takes names, not patterns. */
const isName = (repo: string) => !repo.includes('*');

function SyncedRepositoriesDialog({
  registry,
  connectedRegistry: cr,
  all,
  tokensByName,
  synced,
  onClose,
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  all: readonly ConnectedRegistryView[];
  tokensByName: ReadonlyMap<string, TokenView>;
  synced: readonly string[];
  onClose: () => void;
}) {
  const styles = useStyles();
  const planId = useId();
  const notify = useNotifySuccess();
  const mutation = useUpdateSyncedRepositories(registry, cr.name);
  const [addText, setAddText] = useState('');
  const [remove, setRemove] = useState<ReadonlySet<string>>(() => new Set());
  const parsed = parseRepositoryList(addText);
  const add = parsed.repositories.filter((r) => !remove.has(r));
  const removing = [...remove];
  const hasChange = add.length + removing.length > 0;
  const targets = syncMapTargets(cr, all, tokensByName, {
    adding: add.length > 0,
    removing: removing.length > 0,
  });
  const perms =
    cr.mode === 'ReadOnly'
      ? 'content/read and metadata/read (it is ReadOnly)'
      : 'all five repository permissions (it is ReadWrite)';

  return (
    <ActionDialog
      title={`Synced repositories of ${cr.name}`}
      submitLabel={`Update ${targets.length === 1 ? 'the sync scope map' : `${targets.length} sync scope maps`}`}
      pendingLabel="Updating…"
      canSubmit={hasChange && parsed.errors.length === 0}
      pending={mutation.isPending}
      error={mutation.error}
      wide
      onDismiss={onClose}
      onSubmit={() =>
        mutation.mutate(
          { add, remove: removing },
          {
            onSuccess: (result) => {
              onClose();
              keepFocusOnPage();
              notify(
                `Synced repositories of ${cr.name} updated`,
                result.steps.map((s) => `${stepOutcomeLabel(s.outcome)}: ${s.step}.`).join(' '),
              );
            },
          },
        )
      }
    >
      <Text>
        A connected registry syncs the repositories its sync token&apos;s scope map grants. An added
        repository gets {perms}.
      </Text>
      <Field
        label="Repositories to add"
        hint="One name per line, e.g. factory/line-agent. Names only: a connected registry syncs named repositories, not patterns."
        validationState={parsed.errors.length > 0 ? 'error' : 'none'}
        validationMessage={parsed.errors.length > 0 ? parsed.errors.join(' ') : undefined}
      >
        <Textarea
          value={addText}
          onChange={(_e, d) => setAddText(d.value)}
          resize="vertical"
          textarea={{ spellCheck: false, autoComplete: 'off', className: styles.mono }}
        />
      </Field>
      {synced.filter(isName).length > 0 ? (
        <Field label="Stop syncing">
          <div>
            {synced.filter(isName).map((r) => (
              <Checkbox
                key={r}
                label={r}
                checked={remove.has(r)}
                onChange={(_e, d) => {
                  const next = new Set(remove);
                  if (d.checked) next.add(r);
                  else next.delete(r);
                  setRemove(next);
                }}
              />
            ))}
          </div>
        </Field>
      ) : null}
      {hasChange ? (
        <section className={styles.plan} aria-labelledby={planId}>
          <Text as="h3" id={planId} weight="semibold" className={styles.heading}>
            This updates the sync scope maps of
          </Text>
          <ul className={styles.list}>
            {targets.map((t) => (
              <li key={t.connectedRegistry}>
                {t.connectedRegistry} ({t.role}) · scope map{' '}
                {t.scopeMap ?? 'unknown (the change will be refused)'}
              </li>
            ))}
          </ul>
          <Text>
            {add.length > 0
              ? `Adding ${add.join(', ')}: ancestors must sync a repository to pass it down, so each one's map gets it too. `
              : ''}
            {removing.length > 0
              ? `Removing ${removing.join(', ')}: descendants can no longer receive it, so it leaves their maps too.`
              : ''}
          </Text>
        </section>
      ) : null}
      <FailureSteps error={mutation.error} title="What happened to each scope map" />
    </ActionDialog>
  );
}

/** "Add or remove repositories", for admins; a fix link can open it (`requested`). */
export function SyncedRepositoriesAction({
  requested,
  onRequestHandled,
  ...props
}: {
  registry: RegistryParams;
  connectedRegistry: ConnectedRegistryView;
  all: readonly ConnectedRegistryView[];
  tokensByName: ReadonlyMap<string, TokenView>;
  synced: readonly string[];
  requested: boolean;
  onRequestHandled: () => void;
}) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!requested) return;
    setOpen(true);
    onRequestHandled();
  }, [requested, onRequestHandled]);
  return (
    <>
      <AzureGatedButton
        registry={props.registry}
        needs="scopeMaps.write"
        icon={<ArrowSync20Regular />}
        {...restoreFocusTarget}
        onClick={() => setOpen(true)}
      >
        Add or remove repositories
      </AzureGatedButton>
      {open ? <SyncedRepositoriesDialog {...props} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
