import { Field, Input } from '@fluentui/react-components';
import { Add20Regular } from '@fluentui/react-icons';
import { createScopeMapSchema, type ScopeMapView } from '@latchkey/domain';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useNotifySuccess } from '../../../components/notify';
import { plural } from '../../../lib/format';
import type { RegistryParams } from '../../../lib/registry-ref';
import { ActionDialog } from '../../../components/action-dialog';
import { emptyRepositoryRow } from '../../../components/inline-scope-map-editor';
import { useCreateScopeMap } from '../api/mutate-scope-map';
import { validateRows, type ScopeMapDraftRows } from '../utils/scope-map-edit';
import { descriptionError, ScopeMapFields } from './scope-map-fields';
import { AzureGatedButton } from '../../../components/can';
import { restoreFocusTarget } from '../../../lib/restore-focus';

/** Why a new scope map's name is refused, or undefined (nameSchema('scopeMap'), no leading `_`). */
export function scopeMapNameError(
  name: string,
  existing: readonly ScopeMapView[],
): string | undefined {
  const n = name.trim();
  if (n === '') return 'Enter a name.';
  const r = createScopeMapSchema.shape.name.safeParse(n);
  if (!r.success) return `The name ${r.error.issues[0]?.message ?? 'is invalid'}.`;
  if (existing.some((m) => m.name.toLowerCase() === n.toLowerCase())) {
    return `A scope map named ${n} already exists.`;
  }
  return undefined;
}

const freshRows = (): ScopeMapDraftRows => ({
  repositories: [emptyRepositoryRow()],
  gateways: [],
  other: [],
});

export function CreateScopeMapAction({
  registry,
  existing,
}: {
  registry: RegistryParams;
  existing: readonly ScopeMapView[];
}) {
  const notify = useNotifySuccess();
  const navigate = useNavigate();
  const mutation = useCreateScopeMap(registry);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [rows, setRows] = useState<ScopeMapDraftRows>(freshRows);
  const [touched, setTouched] = useState(false);

  const validation = useMemo(() => validateRows(rows), [rows]);
  const nameError = scopeMapNameError(name, existing);
  const valid = !nameError && validation.valid && !descriptionError(description);

  return (
    <>
      <AzureGatedButton
        registry={registry}
        needs="scopeMaps.write"
        appearance="primary"
        icon={<Add20Regular />}
        {...restoreFocusTarget}
        onClick={() => {
          mutation.reset();
          setName('');
          setDescription('');
          setRows(freshRows());
          setTouched(false);
          setOpen(true);
        }}
      >
        Create scope map
      </AzureGatedButton>
      {open ? (
        <ActionDialog
          title="Create scope map"
          submitLabel="Create scope map"
          pendingLabel="Creating…"
          canSubmit={!touched || valid}
          pending={mutation.isPending}
          error={mutation.error}
          wide
          onDismiss={() => setOpen(false)}
          onSubmit={() => {
            setTouched(true);
            if (!valid) return;
            const trimmed = name.trim();
            mutation.mutate(
              {
                name: trimmed,
                ...(description ? { description } : {}),
                actions: validation.actions,
              },
              {
                onSuccess: (result) => {
                  setOpen(false);
                  notify(
                    `Scope map ${result.scopeMap.name} created`,
                    plural(result.scopeMap.actions.length, 'action'),
                  );
                  void navigate({
                    to: '/registries/$subscriptionId/$resourceGroup/$registryName/scope-maps/$scopeMapName',
                    params: { ...registry, scopeMapName: result.scopeMap.name },
                  });
                },
              },
            );
          }}
        >
          <Field
            label="Name"
            required
            hint={
              touched && nameError
                ? undefined
                : '5–50 letters, digits, - or _; not starting with _.'
            }
            validationMessage={touched || name ? nameError : undefined}
          >
            <Input
              value={name}
              autoComplete="off"
              spellCheck={false}
              onChange={(_e, d) => setName(d.value)}
            />
          </Field>
          <ScopeMapFields
            description={description}
            onDescriptionChange={setDescription}
            rows={rows}
            onRowsChange={(r) => {
              setRows(r);
              setTouched(true);
            }}
            errors={touched ? validation.errors : undefined}
          />
        </ActionDialog>
      ) : null}
    </>
  );
}
