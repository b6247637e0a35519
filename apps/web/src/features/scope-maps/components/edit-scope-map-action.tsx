import {
  Button,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Edit20Regular } from '@fluentui/react-icons';
import type {
  ConnectedRegistryView,
  RegistryOverview,
  ScopeMapView,
  TokenView,
} from '@latchkey/domain';
import { useId, useMemo, useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { PermissionMatrix } from '../../../components/permission-matrix';
import type { RegistryParams } from '../../../lib/registry-ref';
import {
  gatewayPermissions,
  parseActions,
  repositoryPermissions,
} from '../../../lib/scope-map-actions';
import { ActionDialog } from '../../../components/action-dialog';
import { newRowKey } from '../../../components/inline-scope-map-editor';
import { conflictCurrent, useUpdateScopeMap } from '../api/mutate-scope-map';
import {
  rowsFromActions,
  rebaseActions,
  validateRows,
  type ScopeMapDraftRows,
} from '../utils/scope-map-edit';
import { describeDiff, diffActions } from '../utils/scope-map-diff';
import { descriptionError, ScopeMapFields } from './scope-map-fields';
import { ScopeMapReview } from './scope-map-review';
import { AzureGatedButton, useAzureRefusal } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

const useStyles = makeStyles({
  // One above the other: side by side, each matrix would need a scroll region.
  sideBySide: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  heading: { margin: 0 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Step = 'edit' | 'review' | 'conflict';

function ActionsMatrix({ caption, actions }: { caption: string; actions: readonly string[] }) {
  const parsed = parseActions(actions);
  return (
    <>
      <PermissionMatrix
        caption={`${caption}: repositories`}
        targetHeader="Repository"
        permissions={repositoryPermissions}
        rows={parsed.repositories}
      />
      {parsed.gateways.length > 0 ? (
        <PermissionMatrix
          caption={`${caption}: gateways`}
          targetHeader="Connected registry"
          permissions={gatewayPermissions}
          rows={parsed.gateways}
        />
      ) : null}
      {parsed.other.length > 0 ? <Text>Also: {parsed.other.join(', ')}</Text> : null}
    </>
  );
}

/**
 * Edit a user-defined scope map: rows → review (diff in words and blast
 * radius) → PUT with the version loaded. A 409 shows the other person's
 * version beside the draft; nothing is overwritten silently.
 */
export function EditScopeMapAction({
  registry,
  scopeMap,
  users,
  connectedRegistries,
  overview,
  defaultOpen = false,
}: {
  registry: RegistryParams;
  scopeMap: ScopeMapView;
  users: readonly TokenView[];
  connectedRegistries: readonly ConnectedRegistryView[];
  /** The registry as last read, for the findings the change would create or resolve. */
  overview: RegistryOverview | undefined;
  /** Open the editor on mount (a finding's fix link lands here). */
  defaultOpen?: boolean;
}) {
  const styles = useStyles();
  const theirsId = useId();
  const mineId = useId();
  const notify = useNotifySuccess();
  const mutation = useUpdateScopeMap(registry, scopeMap.name);
  const [wantOpen, setOpen] = useState(defaultOpen);
  // A fix link must not open an editor Azure would refuse to save.
  const refused = useAzureRefusal(registry, 'scopeMaps.write').reason;
  const open = wantOpen && !refused;
  const [step, setStep] = useState<Step>('edit');
  const [base, setBase] = useState<ScopeMapView>(scopeMap);
  const [rows, setRows] = useState<ScopeMapDraftRows>(() =>
    rowsFromActions(scopeMap.actions, newRowKey),
  );
  const [description, setDescription] = useState(scopeMap.description ?? '');
  const [touched, setTouched] = useState(false);
  const [conflict, setConflict] = useState<ScopeMapView | undefined>();

  const validation = useMemo(() => validateRows(rows), [rows]);
  const diff = useMemo(
    () => diffActions(base.actions, validation.actions),
    [base.actions, validation.actions],
  );
  const descriptionChanged = description !== (base.description ?? '');
  const formValid = validation.valid && !descriptionError(description);
  const changed = diff.added.length + diff.removed.length > 0 || descriptionChanged;

  const start = () => {
    mutation.reset();
    setBase(scopeMap);
    setRows(rowsFromActions(scopeMap.actions, newRowKey));
    setDescription(scopeMap.description ?? '');
    setTouched(false);
    setConflict(undefined);
    setStep('edit');
    setOpen(true);
  };

  const save = () => {
    if (!base.version) return;
    mutation.mutate(
      { description, actions: validation.actions, expectedVersion: base.version },
      {
        onSuccess: (result) => {
          setOpen(false);
          const words = describeDiff(result.diff);
          notify(
            `Scope map ${scopeMap.name} saved`,
            words.length ? `It ${words.join('; ')}.` : 'The description changed.',
          );
        },
        onError: (error) => {
          const current = conflictCurrent(error);
          if (current) {
            setConflict(current);
            setStep('conflict');
          }
        },
      },
    );
  };

  // Re-apply: the other person's version becomes the base and my changes (not my whole
  // draft) are applied to it, so theirs survive; the result is reviewed again.
  const reapply = () => {
    if (!conflict) return;
    mutation.reset();
    setRows(
      rowsFromActions(rebaseActions(base.actions, validation.actions, conflict.actions), newRowKey),
    );
    if (!descriptionChanged) setDescription(conflict.description ?? '');
    setBase(conflict);
    setConflict(undefined);
    setStep('review');
  };
  const discard = () => {
    if (!conflict) return;
    mutation.reset();
    setBase(conflict);
    setRows(rowsFromActions(conflict.actions, newRowKey));
    setDescription(conflict.description ?? '');
    setConflict(undefined);
    setStep('edit');
  };

  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="scopeMaps.write"
        icon={<Edit20Regular />}
        {...restoreFocusTarget}
        onClick={start}
      >
        Edit
      </AzureGatedButton>
      {open && step === 'edit' ? (
        <ActionDialog
          title={`Edit scope map ${scopeMap.name}`}
          submitLabel="Review changes"
          pendingLabel="Reviewing…"
          canSubmit={!touched || (formValid && changed)}
          pending={false}
          error={undefined}
          wide
          onDismiss={() => setOpen(false)}
          onSubmit={() => {
            setTouched(true);
            if (formValid && changed) setStep('review');
          }}
        >
          <ScopeMapFields
            description={description}
            onDescriptionChange={(d) => {
              setDescription(d);
              setTouched(true);
            }}
            rows={rows}
            onRowsChange={(r) => {
              setRows(r);
              setTouched(true);
            }}
            errors={touched ? validation.errors : undefined}
          />
          {touched && formValid && !changed ? <Text>Nothing changed yet.</Text> : null}
        </ActionDialog>
      ) : null}
      {open && step === 'review' ? (
        <ActionDialog
          title={`Review changes to ${scopeMap.name}`}
          submitLabel="Save scope map"
          pendingLabel="Saving…"
          canSubmit={formValid && changed && Boolean(base.version)}
          pending={mutation.isPending}
          error={conflictCurrent(mutation.error) ? undefined : mutation.error}
          wide
          onDismiss={() => setOpen(false)}
          onSubmit={save}
        >
          <ScopeMapReview
            name={scopeMap.name}
            diff={diff}
            actions={validation.actions}
            descriptionChanged={descriptionChanged}
            users={users}
            connectedRegistries={connectedRegistries}
            overview={overview}
          />
          {!base.version ? (
            <MessageBar intent="error">
              <MessageBarBody>
                The server did not say which version of the scope map was loaded, so the save cannot
                be checked against changes made meanwhile. Reload the page.
              </MessageBarBody>
            </MessageBar>
          ) : null}
          <div>
            <Button
              disabled={mutation.isPending}
              onClick={() => {
                mutation.reset();
                setStep('edit');
              }}
            >
              Back to editing
            </Button>
          </div>
        </ActionDialog>
      ) : null}
      {open && step === 'conflict' && conflict ? (
        <ActionDialog
          title={`Someone else changed ${scopeMap.name}`}
          submitLabel="Re-apply my draft on their version"
          pendingLabel="Re-applying…"
          canSubmit
          pending={false}
          error={undefined}
          wide
          onDismiss={() => setOpen(false)}
          onSubmit={reapply}
        >
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Someone else changed this scope map</MessageBarTitle>
              Your save was refused so their change is not lost. Compare their version with your
              draft, then re-apply your draft on top of their version (you review the difference
              again before saving) or discard your draft.
            </MessageBarBody>
          </MessageBar>
          <div className={styles.sideBySide}>
            <section className={styles.column} aria-labelledby={theirsId}>
              <Text as="h3" id={theirsId} weight="semibold" className={styles.heading}>
                Current version ({conflict.actions.length} actions)
              </Text>
              <Text>Description: {conflict.description || '—'}</Text>
              <ActionsMatrix caption="Current version" actions={conflict.actions} />
            </section>
            <section className={styles.column} aria-labelledby={mineId}>
              <Text as="h3" id={mineId} weight="semibold" className={styles.heading}>
                Your draft ({validation.actions.length} actions)
              </Text>
              <Text>Description: {description || '—'}</Text>
              <ActionsMatrix caption="Your draft" actions={validation.actions} />
            </section>
          </div>
          <div className={styles.row}>
            <Button onClick={discard}>Discard my draft</Button>
          </div>
        </ActionDialog>
      ) : null}
    </>
  );
}
