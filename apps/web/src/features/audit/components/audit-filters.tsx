import { Button, makeStyles, tokens } from '@fluentui/react-components';
import {
  auditActionCodes,
  auditActionFamilies,
  auditActionName,
  observedAuditActions,
  type AuditFacetsView,
} from '@latchkey/domain';
import { useEffect, useMemo, useState } from 'react';
import { FilterCombobox } from '../../../components/filter-combobox';
import { FilterField, PlainInput, PlainSelect } from '../../../components/filter-select';
import { fromLocalInput, toLocalInput, type AuditSearch } from '../utils/audit-search';
import { auditTarget } from '../utils/audit-target';

/** At most this many suggestions under a picker: typing narrows them. */
const MAX_OPTIONS = 50;

// The console's own verbs; the codes observed only in Azure go in their own group.
const consoleActions = auditActionCodes.filter(
  (c) => !observedAuditActions.includes(c) || c === 'connectedRegistry.clientTokens',
);
const observedOnly = auditActionCodes.filter((c) => !consoleActions.includes(c));

const targetLabel = (id: string) => {
  const t = auditTarget(id);
  return t.registryName && t.kind !== 'registry'
    ? `${t.kindLabel} ${t.name} · ${t.registryName}`
    : `${t.kindLabel} ${t.name}`;
};
const includes = (haystack: string, needle: string) =>
  haystack.toLowerCase().includes(needle.trim().toLowerCase());

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    // Top-aligned: every field has a hint line, so inputs line up; the buttons sit at input height.
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalM,
  },
  buttons: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    marginTop: `calc(${tokens.lineHeightBase300} + ${tokens.spacingVerticalXXS})`,
  },
  wide: { minWidth: '14rem', flexGrow: 1, maxWidth: '26rem' },
});

/**
 * The filters as a form: applied on submit (each change is a new query of the
 * log, so typing does not fire one per key). The URL holds what is applied.
 */
export function AuditFilters({
  value,
  facets,
  onApply,
}: {
  value: AuditSearch;
  /** What exists to pick from; typing works without it. */
  facets: AuditFacetsView | undefined;
  onApply: (next: AuditSearch) => void;
}) {
  const styles = useStyles();
  const [draft, setDraft] = useState(() => toDraft(value));
  // Back/forward or a link changes the applied filters: the form follows. Keyed on the values,
  // not the object, so a re-render with the same filters never discards what is being typed.
  const applied = JSON.stringify(toDraft(value));
  useEffect(() => setDraft(JSON.parse(applied) as ReturnType<typeof toDraft>), [applied]);
  const any = Object.values(value).some(Boolean);
  const set = (k: keyof ReturnType<typeof toDraft>) => (v: string) =>
    setDraft((d) => ({ ...d, [k]: v }));
  const actors = useMemo(
    () =>
      (facets?.actors ?? [])
        .filter((a) => includes(`${a.username} ${a.name ?? ''}`, draft.actor))
        .slice(0, MAX_OPTIONS),
    [facets, draft.actor],
  );
  // A picked target shows as its name; what was typed shows as typed.
  const pickedTarget = facets?.targets.find((t) => t === draft.target);
  const targets = useMemo(
    () =>
      (facets?.targets ?? [])
        .filter(
          (t) => pickedTarget !== undefined || includes(`${t} ${targetLabel(t)}`, draft.target),
        )
        .slice(0, MAX_OPTIONS),
    [facets, draft.target, pickedTarget],
  );

  return (
    <form
      className={styles.root}
      role="search"
      aria-label="Filter the audit log"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(fromDraft(draft));
      }}
    >
      <FilterCombobox
        label="Actor"
        hint="Part of a username, or pick one"
        placeholder="Any actor"
        value={draft.actor}
        options={actors.map((a) => ({
          value: a.username,
          label: a.name ? `${a.name} (${a.username})` : a.username,
        }))}
        onChange={set('actor')}
        onPick={set('actor')}
      />
      <FilterField label="Action" hint="One action, or a family">
        {(id, describedBy) => (
          <PlainSelect
            id={id}
            describedBy={describedBy}
            value={draft.action}
            onChange={set('action')}
          >
            <option value="">Any action</option>
            <optgroup label="Families">
              {auditActionFamilies.map((f) => (
                <option key={f.prefix} value={`${f.prefix}*`}>
                  {f.label}
                </option>
              ))}
            </optgroup>
            <ActionGroup label="Changes made in the console" codes={consoleActions} />
            <ActionGroup label="Changes observed in Azure" codes={observedOnly} />
            {draft.action &&
            !(auditActionCodes as string[]).includes(draft.action) &&
            !auditActionFamilies.some((f) => `${f.prefix}*` === draft.action) ? (
              <option value={draft.action}>{draft.action}</option>
            ) : null}
          </PlainSelect>
        )}
      </FilterField>
      <FilterCombobox
        label="Target"
        hint="Part of a name or resource id, or pick one"
        placeholder="Any target"
        className={styles.wide}
        value={pickedTarget ? targetLabel(pickedTarget) : draft.target}
        options={targets.map((t) => ({ value: t, label: targetLabel(t) }))}
        onChange={set('target')}
        onPick={set('target')}
      />
      <TimeField label="From" value={draft.from} onChange={set('from')} />
      <TimeField label="To (before)" value={draft.to} onChange={set('to')} />
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary">
          Apply filters
        </Button>
        <Button type="button" disabled={!any} onClick={() => onApply({})}>
          Clear filters
        </Button>
      </div>
    </form>
  );
}

function ActionGroup({ label, codes }: { label: string; codes: readonly string[] }) {
  return (
    <optgroup label={label}>
      {codes.map((a) => (
        <option key={a} value={a}>
          {auditActionName(a)}
        </option>
      ))}
    </optgroup>
  );
}

/** A date and time in the browser's time zone. */
function TimeField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <FilterField label={label} hint="Your time zone">
      {(id, describedBy) => (
        <PlainInput
          id={id}
          type="datetime-local"
          describedBy={describedBy}
          value={value}
          onChange={onChange}
        />
      )}
    </FilterField>
  );
}

function toDraft(v: AuditSearch) {
  return {
    actor: v.actor ?? '',
    action: v.action ?? '',
    target: v.target ?? '',
    from: toLocalInput(v.from),
    to: toLocalInput(v.to),
  };
}

function fromDraft(d: ReturnType<typeof toDraft>): AuditSearch {
  const out: AuditSearch = {};
  if (d.actor.trim()) out.actor = d.actor.trim();
  if (d.action) out.action = d.action;
  if (d.target.trim()) out.target = d.target.trim();
  const from = fromLocalInput(d.from);
  if (from) out.from = from;
  const to = fromLocalInput(d.to);
  if (to) out.to = to;
  return out;
}
