import { Button, Field, Input, makeStyles, Select, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  auditActions,
  fromLocalInput,
  toLocalInput,
  type AuditSearch,
} from '../utils/audit-search';

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
  onApply,
}: {
  value: AuditSearch;
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
      <Field label="Actor" hint="Exact username">
        <Input value={draft.actor} onChange={(_e, d) => set('actor')(d.value)} />
      </Field>
      <Field label="Action" hint="As the console records it">
        <Select value={draft.action} onChange={(_e, d) => set('action')(d.value)}>
          <option value="">Any action</option>
          {auditActions.map((a) => (
            <option key={a} value={a}>
              {a}
            </option>
          ))}
          {draft.action && !(auditActions as readonly string[]).includes(draft.action) ? (
            <option value={draft.action}>{draft.action}</option>
          ) : null}
        </Select>
      </Field>
      <Field label="Target" hint="Exact ARM resource id" className={styles.wide}>
        <Input value={draft.target} onChange={(_e, d) => set('target')(d.value)} />
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
