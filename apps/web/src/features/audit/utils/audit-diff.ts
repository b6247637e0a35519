/**
 * A change's before and after, field by field, for a person to read: nested
 * objects become "Passwords › password1 › Expiry", lists of names are
 * compared item by item, lists of objects with a `name` are matched by name.
 */

export type DiffValue =
  | { type: 'none' }
  | { type: 'text'; text: string }
  | { type: 'time'; iso: string }
  | { type: 'list'; items: string[] };

export interface FieldChange {
  /** Path segments, already human ("Scope map", "password1"). */
  field: string[];
  before: DiffValue | undefined;
  after: DiffValue | undefined;
  /** Both sides recorded and equal. */
  same: boolean;
  /** For lists: what the after side adds and the before side had that after lacks. */
  added?: string[];
  removed?: string[];
}

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** "scopeMapName" → "Scope map name"; "password1" stays (it is a name, not a word). */
export function humanField(key: string): string {
  if (/^password\d$/.test(key)) return key;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function leaf(v: unknown): DiffValue {
  if (v === null || v === undefined) return { type: 'none' };
  if (typeof v === 'boolean') return { type: 'text', text: v ? 'Yes' : 'No' };
  if (typeof v === 'string' && isoInstant.test(v) && !Number.isNaN(Date.parse(v)))
    return { type: 'time', iso: v };
  if (typeof v === 'string' || typeof v === 'number') return { type: 'text', text: String(v) };
  return { type: 'text', text: JSON.stringify(v) };
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const named = (v: unknown): v is { name: string } & Record<string, unknown> =>
  isPlain(v) && typeof v.name === 'string';

/** Flattens a value into path → leaf; `root` names a bare value (an observed status). */
function flatten(
  value: unknown,
  root: string,
  out: Map<string, { path: string[]; raw: unknown }>,
  path: string[] = [],
) {
  if (isPlain(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, root, out, [...path, humanField(k)]);
    if (Object.keys(value).length === 0) out.set(path.join('\u0000'), { path, raw: null });
    return;
  }
  if (Array.isArray(value) && value.length > 0 && value.every(named)) {
    for (const item of value) {
      const { name, ...rest } = item;
      flatten(Object.keys(rest).length ? rest : true, root, out, [...path, name]);
    }
    return;
  }
  const p = path.length ? path : [root];
  out.set(p.join('\u0000'), { path: p, raw: value });
}

const asList = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')
    ? v.map(String)
    : undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Every field either side recorded, in the order first seen (before's first).
 * A field one side did not record is `undefined` there ("not recorded"), never
 * "removed": the console records different things before and after.
 */
export function diffFields(before: unknown, after: unknown, root = 'Value'): FieldChange[] {
  const b = new Map<string, { path: string[]; raw: unknown }>();
  const a = new Map<string, { path: string[]; raw: unknown }>();
  if (before !== undefined) flatten(before, root, b);
  if (after !== undefined) flatten(after, root, a);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  return keys.map((k) => {
    const x = b.get(k);
    const y = a.get(k);
    const path = (x ?? y)!.path;
    const bl = x ? asList(x.raw) : undefined;
    const al = y ? asList(y.raw) : undefined;
    const change: FieldChange = {
      field: path,
      before: x ? (bl ? { type: 'list', items: bl } : leaf(x.raw)) : undefined,
      after: y ? (al ? { type: 'list', items: al } : leaf(y.raw)) : undefined,
      same: !!x && !!y && same(x.raw, y.raw),
    };
    if (bl && al) {
      const lower = (l: string[]) => new Set(l.map((s) => s.toLowerCase()));
      const had = lower(bl);
      const has = lower(al);
      change.added = al.filter((s) => !had.has(s.toLowerCase()));
      change.removed = bl.filter((s) => !has.has(s.toLowerCase()));
    }
    return change;
  });
}

/** The root field's name for a bare observed value: `token.status` → "Status". */
export function rootFieldName(action: string): string {
  const last = action.split('.').pop() ?? action;
  return humanField(last);
}
