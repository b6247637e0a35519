/**
 * Creating and deleting a connected registry, as `az acr connected-registry
 * create --repository …` and `delete --cleanup` do: the request bodies, and
 * the scope-map actions the CLI writes (its REPO_SCOPES_BY_MODE and
 * DEFAULT_GATEWAY_SCOPE lists). Pure; the BFF reads, writes and undoes.
 */
import { z } from 'zod/mini';
import { connectedRegistryViewSchema } from './dto';
import { gatewayPermissions, repositoryPermissions, stepReportSchema } from './mutations';
import { nameSchema } from './names';

export const connectedRegistryModes = ['ReadOnly', 'ReadWrite'] as const;
export type ConnectedRegistryMode = (typeof connectedRegistryModes)[number];
export const connectedRegistryLogLevels = [
  'Debug',
  'Information',
  'Warning',
  'Error',
  'None',
] as const;

/** The CLI's defaults for what the person leaves out. */
export const connectedRegistryDefaults = {
  syncSchedule: '* * * * *',
  messageTtl: 'P2D',
  logLevel: 'Information',
} as const;

export const createConnectedRegistrySchema = z.strictObject({
  name: nameSchema('connectedRegistry'),
  /** A connected registry's name, or null when the parent is the cloud registry. */
  parent: z.nullable(nameSchema('connectedRegistry')),
  mode: z.enum(connectedRegistryModes),
  /** Repository names to sync (no wildcards), at least one. */
  repositories: z
    .array(z.string().check(z.minLength(1), z.maxLength(256)))
    .check(z.minLength(1, 'choose at least one repository to sync'), z.maxLength(100)),
  /** Cron, 5 fields (default `* * * * *`: continuous). */
  syncSchedule: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
  /** ISO 8601 duration, PT1H to P7D; only with a schedule. */
  syncWindow: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  /** ISO 8601 duration, P1D to P90D (default P2D). */
  messageTtl: z.optional(z.string().check(z.minLength(1), z.maxLength(40))),
  logLevel: z.optional(z.enum(connectedRegistryLogLevels)),
  clientTokens: z.optional(z.array(nameSchema('token')).check(z.maxLength(20))),
  /**
   * Connected registries need the registry's dedicated data endpoint. When it
   * is off, the person may ask to switch it on (it can affect firewall rules)
   * by typing the registry's name, as the CLI asks for a confirmation.
   */
  enableDataEndpoint: z.optional(z.boolean()),
  confirmRegistryName: z.optional(z.string().check(z.maxLength(50))),
});
export type CreateConnectedRegistryRequest = z.input<typeof createConnectedRegistrySchema>;

export const deleteConnectedRegistrySchema = z.strictObject({
  /** Also delete its sync token and sync scope map, and its gateway actions from every ancestor's sync scope map. */
  cleanup: z._default(z.boolean(), true),
  /** The connected registry's name, typed to confirm. */
  confirmName: z.string().check(z.maxLength(50)),
});
export type DeleteConnectedRegistryRequest = z.input<typeof deleteConnectedRegistrySchema>;

export const connectedRegistryCreateResultSchema = z.object({
  connectedRegistry: connectedRegistryViewSchema,
  warnings: z.array(z.string()),
  steps: z.array(stepReportSchema),
  auditId: z.string(),
  notice: z.optional(z.string()),
});
export type ConnectedRegistryCreateResult = z.infer<typeof connectedRegistryCreateResultSchema>;

export const connectedRegistryDeleteResultSchema = z.object({
  deleted: z.string(),
  cleanup: z.boolean(),
  warnings: z.array(z.string()),
  steps: z.array(stepReportSchema),
  auditId: z.string(),
  notice: z.optional(z.string()),
});
export type ConnectedRegistryDeleteResult = z.infer<typeof connectedRegistryDeleteResultSchema>;

const READ_ONLY_SYNC = ['content/read', 'metadata/read'] as const;

/** The repository permissions a sync scope map grants per synced repository, by mode. */
export function syncPermissionsFor(mode: ConnectedRegistryMode): readonly string[] {
  return mode === 'ReadOnly' ? READ_ONLY_SYNC : repositoryPermissions;
}

/** `repositories/<repo>/<permission>` for each repository, with the mode's permissions. */
export function syncRepositoryActions(
  repositories: string[],
  mode: ConnectedRegistryMode,
): string[] {
  const perms = syncPermissionsFor(mode);
  return repositories.flatMap((r) => perms.map((p) => `repositories/${r}/${p}`));
}

/** The four gateway actions a connected registry's sync (and its ancestors' sync) needs; the CLI lower-cases the name. */
export function gatewayActionsFor(connectedRegistry: string): string[] {
  const name = connectedRegistry.toLowerCase();
  return gatewayPermissions.map((p) => `gateway/${name}/${p}`);
}

/** What the CLI writes as the sync scope map's description. */
export const syncScopeMapDescription = (name: string) =>
  `Created by connected registry sync token: ${name}`;

/** A ReadWrite parent takes children of either mode; a ReadOnly parent only ReadOnly children. */
export function modeAllowedUnder(
  parentMode: ConnectedRegistryMode,
  childMode: ConnectedRegistryMode,
): boolean {
  return parentMode === 'ReadWrite' || parentMode === childMode;
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/** An ISO 8601 duration of days, hours, minutes and seconds, in seconds; undefined when malformed. */
export function durationSeconds(value: string): number | undefined {
  const m = DURATION.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number];
  return ((d * 24 + h) * 60 + min) * 60 + s;
}

const CRON_RANGES: [number, number][] = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 6],
];

/** One comma-separated part of a cron field: `*`, `n` or `n-m`, optionally `/step`. */
function cronPart(part: string, [lo, hi]: [number, number]): boolean {
  const m = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
  if (!m) return false;
  const inRange = (n: string | undefined) => n === undefined || (+n >= lo && +n <= hi);
  const ordered = m[3] === undefined || +m[3] >= +m[2]!;
  return inRange(m[2]) && inRange(m[3]) && ordered && (m[4] === undefined || +m[4] > 0);
}

/** A 5-field cron expression (minute hour day month weekday) with numbers, ranges, lists and steps. */
export function isCron(value: string): boolean {
  const fields = value.trim().split(/\s+/);
  return (
    fields.length === 5 &&
    fields.every((f, i) => f.split(',').every((p) => cronPart(p, CRON_RANGES[i]!)))
  );
}

export interface SyncSettingProblem {
  field: 'syncSchedule' | 'syncWindow' | 'messageTtl';
  rule: string;
  message: string;
}

/** The reference's limits on sync settings (§3): the first problem, or undefined. */
export function syncSettingProblem(s: {
  syncSchedule?: string | undefined;
  syncWindow?: string | undefined;
  messageTtl?: string | undefined;
}): SyncSettingProblem | undefined {
  if (s.syncSchedule !== undefined && !isCron(s.syncSchedule)) {
    return {
      field: 'syncSchedule',
      rule: 'cron',
      message: 'must be a cron expression of 5 fields (minute hour day month weekday)',
    };
  }
  if (s.syncWindow !== undefined) {
    const secs = durationSeconds(s.syncWindow);
    if (secs === undefined || secs < 3600 || secs > 7 * 86400) {
      return {
        field: 'syncWindow',
        rule: 'duration-PT1H-P7D',
        message: 'must be an ISO 8601 duration from PT1H (1 hour) to P7D (7 days)',
      };
    }
    if (
      s.syncSchedule === undefined ||
      s.syncSchedule.trim() === connectedRegistryDefaults.syncSchedule
    ) {
      return {
        field: 'syncWindow',
        rule: 'needs-schedule',
        message: 'a sync window applies to a scheduled sync: give a sync schedule too',
      };
    }
  }
  if (s.messageTtl !== undefined) {
    const secs = durationSeconds(s.messageTtl);
    if (secs === undefined || secs < 86400 || secs > 90 * 86400) {
      return {
        field: 'messageTtl',
        rule: 'duration-P1D-P90D',
        message: 'must be an ISO 8601 duration from P1D (1 day) to P90D (90 days)',
      };
    }
  }
  return undefined;
}
