import {
  Button,
  Combobox,
  Field,
  Input,
  makeStyles,
  Option,
  Select,
  tokens,
} from '@fluentui/react-components';
import {
  auditActionCodes,
  auditActionFamilies,
  auditActionName,
  observedAuditActions,
  type AuditFacetsView,
} from '@latchkey/domain';
import { useEffect, useMemo, useState } from 'react';
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
      <Field label="Actor" hint="Part of a username, or pick one">
        <Combobox
          freeform
          placeholder="Any actor"
          value={draft.actor}
          onChange={(e) => set('actor')(e.target.value)}
          onOptionSelect={(_e, d) => set('actor')(d.optionValue ?? '')}
        >
          {actors.map((a) => (
            <Option key={a.username} value={a.username} text={a.username}>
              {a.name ? `${a.name} (${a.username})` : a.username}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="Action" hint="One action, or a family">
        <Select value={draft.action} onChange={(_e, d) => set('action')(d.value)}>
          <option value="">Any action</option>
          <optgroup label="Families">
            {auditActionFamilies.map((f) => (
              <option key={f.prefix} value={`${f.prefix}*`}>
                {f.label}
              </option>
            ))}
          </optgroup>
          <optgroup label="Changes made in the console">
            {consoleActions.map((a) => (
              <option key={a} value={a}>
                {auditActionName(a)}
              </option>
            ))}
          </optgroup>
          <optgroup label="Changes observed in Azure">
            {observedOnly.map((a) => (
              <option key={a} value={a}>
                {auditActionName(a)}
              </option>
            ))}
          </optgroup>
          {draft.action &&
          !(auditActionCodes as string[]).includes(draft.action) &&
          !auditActionFamilies.some((f) => `${f.prefix}*` === draft.action) ? (
            <option value={draft.action}>{draft.action}</option>
          ) : null}
        </Select>
      </Field>
      <Field
        label="Target"
        hint="Part of a name or resource id, or pick one"
        className={styles.wide}
      >
        <Combobox
          freeform
          placeholder="Any target"
          value={pickedTarget ? targetLabel(pickedTarget) : draft.target}
          onChange={(e) => set('target')(e.target.value)}
          onOptionSelect={(_e, d) => set('target')(d.optionValue ?? '')}
        >
          {targets.map((t) => (
            <Option key={t} value={t} text={targetLabel(t)}>
              {targetLabel(t)}
            </Option>
          ))}
        </Combobox>
      </Field>
      <Field label="From" hint="Your time zone">
        <Input
          type="datetime-local"
          value={draft.from}
          onChange={(_e, d) => set('from')(d.value)}
        />
      </Field>
      <Field label="To (before)" hint="Your time zone">
        <Input type="datetime-local" value={draft.to} onChange={(_e, d) => set('to')(d.value)} />
      </Field>
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
