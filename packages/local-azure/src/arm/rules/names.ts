/**
 * Resource-name rules and connected-registry sync-property rules (reference
 * §3). Pure, so the ARM emulator and the scenario tests apply the same checks.
 */

export type NamedKind = 'registry' | 'connectedRegistry' | 'token' | 'scopeMap';

export type RuleResult = { ok: true } | { ok: false; rule: string; message: string };
export type FieldRuleResult =
  { ok: true } | { ok: false; field: string; rule: string; message: string };

interface NameRule {
  pattern: RegExp;
  allowed: string;
  min: number;
  max: number;
  label: string;
}

const NAME_RULES: Record<NamedKind, NameRule> = {
  registry: {
    pattern: /^[a-zA-Z0-9]*$/,
    allowed: 'letters and digits',
    min: 5,
    max: 50,
    label: 'Registry',
  },
  connectedRegistry: {
    pattern: /^[a-zA-Z0-9]*$/,
    allowed: 'letters and digits',
    min: 5,
    max: 50,
    label: 'Connected registry',
  },
  token: {
    pattern: /^[a-zA-Z0-9-]*$/,
    allowed: 'letters, digits and "-"',
    min: 5,
    max: 50,
    label: 'Token',
  },
  scopeMap: {
    pattern: /^[a-zA-Z0-9-_]*$/,
    allowed: 'letters, digits, "-" and "_"',
    min: 5,
    max: 50,
    label: 'Scope map',
  },
};

export function checkResourceName(kind: NamedKind, name: string): RuleResult {
  const rule = NAME_RULES[kind];
  if (typeof name !== 'string') {
    return { ok: false, rule: 'name.type', message: `${rule.label} name must be a string.` };
  }
  if (name.length < rule.min || name.length > rule.max) {
    return {
      ok: false,
      rule: 'name.length',
      message: `${rule.label} name ${JSON.stringify(name)} must be ${rule.min} to ${rule.max} characters long (it has ${name.length}).`,
    };
  }
  if (!rule.pattern.test(name)) {
    return {
      ok: false,
      rule: 'name.characters',
      message: `${rule.label} name ${JSON.stringify(name)} may only contain ${rule.allowed}.`,
    };
  }
  // Names starting with "_" belong to the system-defined scope maps.
  if (kind === 'scopeMap' && name.startsWith('_')) {
    return {
      ok: false,
      rule: 'name.reserved',
      message: `Scope map name ${JSON.stringify(name)} starts with "_", which is reserved for system-defined scope maps.`,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// ISO-8601 durations

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const DURATION =
  /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * Milliseconds of an ISO-8601 duration such as `P2D` or `PT1H30M`, or
 * undefined if it is not one. Years and months count as 365 and 30 days, as
 * .NET's XmlConvert.ToTimeSpan (which Azure uses) does.
 */
export function parseIsoDuration(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DURATION.exec(value.toUpperCase());
  if (!match) return undefined;
  const [, y, mo, w, d, h, mi, s] = match;
  // "P" and "PT" alone name no amount.
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) return undefined;
  if (value.toUpperCase().endsWith('T')) return undefined;
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  return (
    n(y) * 365 * DAY_MS +
    n(mo) * 30 * DAY_MS +
    n(w) * 7 * DAY_MS +
    n(d) * DAY_MS +
    n(h) * HOUR_MS +
    n(mi) * 60_000 +
    Math.round(n(s) * 1000)
  );
}

export function checkIsoDuration(
  field: string,
  value: string,
  bounds: { min: string; max: string },
): FieldRuleResult {
  const ms = parseIsoDuration(value);
  if (ms === undefined) {
    return {
      ok: false,
      field,
      rule: 'duration.format',
      message: `${field} ${JSON.stringify(value)} is not an ISO-8601 duration such as "P2D" or "PT12H".`,
    };
  }
  const min = parseIsoDuration(bounds.min) ?? 0;
  const max = parseIsoDuration(bounds.max) ?? Infinity;
  if (ms < min || ms > max) {
    return {
      ok: false,
      field,
      rule: 'duration.range',
      message: `${field} ${JSON.stringify(value)} must be between ${bounds.min} and ${bounds.max}.`,
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Cron (5 fields)

const CRON_FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 6 },
] as const;

const CRON_ITEM = /^(?:(\*)|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/;

function cronItemError(item: string, min: number, max: number): string | undefined {
  const match = CRON_ITEM.exec(item);
  if (!match) return `"${item}" is not "*", a number, a range "a-b" or a step "/n"`;
  const [, star, from, to, step] = match;
  if (step !== undefined && Number(step) < 1) return `step "${step}" must be at least 1`;
  if (star !== undefined) return undefined;
  const a = Number(from);
  const b = to === undefined ? a : Number(to);
  if (a < min || a > max || b < min || b > max) return `"${item}" is outside ${min}-${max}`;
  if (a > b) return `range "${item}" runs backwards`;
  return undefined;
}

/** A 5-field cron expression: `*`, numbers, ranges, steps and comma lists within each field's bounds. */
export function checkCron(field: string, value: string): FieldRuleResult {
  if (typeof value !== 'string') {
    return { ok: false, field, rule: 'cron.format', message: `${field} must be a string.` };
  }
  const parts = value.trim().split(/\s+/);
  if (value.trim() === '' || parts.length !== 5) {
    return {
      ok: false,
      field,
      rule: 'cron.format',
      message: `${field} ${JSON.stringify(value)} must have 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * *".`,
    };
  }
  for (let i = 0; i < 5; i++) {
    const spec = CRON_FIELDS[i]!;
    for (const item of parts[i]!.split(',')) {
      const error = cronItemError(item, spec.min, spec.max);
      if (error !== undefined) {
        return {
          ok: false,
          field,
          rule: 'cron.value',
          message: `${field} ${JSON.stringify(value)}: the ${spec.name} field is invalid: ${error}.`,
        };
      }
    }
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------
// Sync properties of a connected registry

export const MESSAGE_TTL_BOUNDS = { min: 'P1D', max: 'P90D' } as const;
export const SYNC_WINDOW_BOUNDS = { min: 'PT1H', max: 'P7D' } as const;

export function checkSyncProperties(props: {
  schedule?: string;
  syncWindow?: string;
  messageTtl?: string;
}): FieldRuleResult {
  if (props.schedule !== undefined) {
    const r = checkCron('schedule', props.schedule);
    if (!r.ok) return r;
  }
  if (props.syncWindow !== undefined) {
    const r = checkIsoDuration('syncWindow', props.syncWindow, SYNC_WINDOW_BOUNDS);
    if (!r.ok) return r;
  }
  if (props.messageTtl !== undefined) {
    const r = checkIsoDuration('messageTtl', props.messageTtl, MESSAGE_TTL_BOUNDS);
    if (!r.ok) return r;
  }
  return { ok: true };
}
