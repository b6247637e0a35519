import { z } from 'zod/mini';
import { findingIds, severities, type FindingId, type Severity } from './finding-ids';

/**
 * The audit engine: the findings catalogue of product.md, computed over one
 * RegistryOverview at an injected `now` (ms since epoch), so results are
 * reproducible and tests need no clock.
 *
 * Severities (one per finding id, so lists sort and filter predictably):
 * - critical: something is broken now for a whole connected registry;
 * - high: access is too wide, or clients break now or within a week;
 * - medium: hygiene with real risk (credentials that live too long, expiring
 *   within a month, content that can never arrive);
 * - low: ineffective or misleading configuration, unusable tokens;
 * - info: clutter worth a look.
 */

/** Where a finding's fix link leads in the console (an admin action or the page to act on). */
export const fixActions = [
  'token.generate-password',
  'token.revoke-password',
  'token.set-status',
  'token.delete',
  'scope-map.edit',
  'scope-map.open',
  'connected-registry.detach-client',
  'connected-registry.repositories',
  'connected-registry.connection-string',
  'connected-registry.open',
] as const;
export type FixAction = (typeof fixActions)[number];

export const DAY = 24 * 3600_000;
export const HOUR = 3600_000;

/** Thresholds the findings use, in one place so the UI can show them. */
export const findingThresholds = {
  expiringSoonDays: 7,
  expiringDays: 30,
  oldPasswordDays: 90,
  downHours: 24,
  /** A sync token password created within this long of the token counts as its first one. */
  sameAsCreationHours: 24,
  /** A connected registry created longer ago than this and never activated is reported. */
  neverActivatedDays: 7,
} as const;

interface CatalogueEntry {
  id: FindingId;
  severity: Severity;
  title: string;
  why: string;
  fix: string;
  /** The time window the finding uses, when it has one. */
  window?: string;
}

/** The findings catalogue as data (ids are stable: exports and links use them). */
export const findingCatalogue = [
  {
    id: 'password.expired',
    severity: 'high',
    title: 'Expired password',
    why: 'Clients using this password can no longer sign in; for a sync token, its connected registry stops syncing. A dead password left in its slot also hides which slot is really in use.',
    fix: 'Generate a new password in this slot (for a sync token: generate the connection string and redeploy it), or revoke the slot if no client uses it.',
    window: 'expiry before now',
  },
  {
    id: 'password.expiring-7-days',
    severity: 'high',
    title: 'Password expiring within 7 days',
    why: 'Clients using this password stop working within a week.',
    fix: 'Rotate: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'expires within 7 days',
  },
  {
    id: 'password.expiring-30-days',
    severity: 'medium',
    title: 'Password expiring within 30 days',
    why: 'Clients using this password stop working within a month; rotation takes planning on devices.',
    fix: 'Plan the rotation: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'expires in more than 7 and at most 30 days',
  },
  {
    id: 'password.no-expiry',
    severity: 'medium',
    title: 'Password with no expiry',
    why: 'A leaked password that never expires stays valid until someone notices.',
    fix: 'Generate a password with an expiry (default 90 days) in the other slot, move the clients to it, then revoke this one.',
  },
  {
    id: 'password.older-than-90-days',
    severity: 'medium',
    title: 'Password older than 90 days',
    why: 'Long-lived credentials spread to more places over time and are more likely to have leaked.',
    fix: 'Rotate: generate a password in the other slot, move the clients to it, then revoke this one.',
    window: 'created more than 90 days ago (not reported for an expired password)',
  },
  {
    id: 'token.enabled-without-password',
    severity: 'low',
    title: 'Enabled token with no password',
    why: 'The token cannot be used: nobody can sign in with it. For a sync token, its connected registry cannot be deployed.',
    fix: 'Generate a password (for a sync token: generate the connection string), or disable or delete the token if it is not needed.',
  },
  {
    id: 'scope-map.registry-wide-wildcard',
    severity: 'high',
    title: 'Registry-wide wildcard "*"',
    why: 'The rule covers every repository, including ones created later, so access grows without anyone granting it.',
    fix: 'Edit the scope map: replace "repositories/*/…" with the repositories (or "team/*" prefixes) the tokens need.',
  },
  {
    id: 'client-token.delete-permission',
    severity: 'high',
    title: 'Delete permission on a client token',
    why: 'Client tokens live on devices and on-premises hosts; a lost device with delete permission can remove images.',
    fix: 'Edit the scope map: remove content/delete, or give the client a map without it.',
  },
  {
    id: 'client-token.write-on-read-only',
    severity: 'low',
    title: 'Write or delete permission on a client token of a ReadOnly connected registry',
    why: 'A ReadOnly connected registry serves pulls only: the permission has no effect there, and suggests access that does not exist.',
    fix: 'Edit the scope map: remove content/write, content/delete and metadata/write, or give the client a read-only map.',
  },
  {
    id: 'client-token.unsynced-repository',
    severity: 'low',
    title: 'Client token granted repositories its connected registry does not sync',
    why: 'A client reaches on a connected registry only what it syncs: the grant has no effect there and misleads reviewers.',
    fix: "Add the repository to the connected registry's synced repositories, or edit the scope map to remove it.",
  },
  {
    id: 'client-token.disabled-attached',
    severity: 'low',
    title: 'Disabled token still attached as a client token',
    why: 'It uses one of the 20 client slots and comes back to life on the device as soon as someone re-enables it.',
    fix: 'Detach it from the connected registry (and delete it if it is not coming back).',
  },
  {
    id: 'scope-map.unused',
    severity: 'info',
    title: 'Scope map used by no token',
    why: 'Unused maps clutter reviews and can be attached later with permissions nobody re-checked.',
    fix: 'Delete the scope map, or review it before attaching it to a token.',
  },
  {
    id: 'token.no-scope-map',
    severity: 'low',
    title: 'Token with no scope map',
    why: 'The token grants nothing, so it is either broken or forgotten; whoever attaches a map later gives it access silently.',
    fix: 'Delete the token, or give it a scope map (az acr token update --scope-map).',
  },
  {
    id: 'sync-token.missing-gateway-permissions',
    severity: 'critical',
    title: 'Sync token missing its gateway permissions',
    why: 'A connected registry needs config/read, config/write, message/read and message/write on its own gateway to sync; without them it cannot sync or report status.',
    fix: 'Edit the sync scope map: add gateway/<connected registry>/config/read, config/write, message/read and message/write.',
  },
  {
    id: 'sync-token.ancestor-missing-gateway-permissions',
    severity: 'critical',
    title: "Ancestor's sync token missing gateway permissions for a descendant",
    why: "A nested connected registry's configuration and messages pass through every ancestor: each ancestor's sync scope map needs config/read, config/write, message/read and message/write on the descendant's gateway, or the descendant cannot sync or report status.",
    fix: "Edit the ancestor's sync scope map: add gateway/<descendant>/config/read, config/write, message/read and message/write (adding a synced repository to the descendant through the console does this for every ancestor).",
  },
  {
    id: 'client-token.gateway-permissions',
    severity: 'high',
    title: 'Client token holding gateway permissions',
    why: "Gateway permissions read and change a connected registry's configuration and messages; they belong to sync tokens only. A client token lives on a device, so a lost device could reconfigure connected registries.",
    fix: 'Edit the scope map: remove the gateway/… actions, or give the client a map with repository permissions only.',
  },
  {
    id: 'connected-registry.disabled-by-sync-token',
    severity: 'high',
    title: 'Connected registry disabled by its sync token',
    why: 'A disabled sync token disables its connected registry: it stops syncing, none of its client tokens works there, and its children can no longer sync through it.',
    fix: 'If the suspension is over, enable the sync token. If the device is gone for good, delete the connected registry, then its sync token and scope map.',
  },
  {
    id: 'connected-registry.never-activated',
    severity: 'medium',
    title: 'Connected registry never activated long after creation',
    why: 'It was created but never deployed: its sync token is still accepted by its parent and the cloud registry, and any connection string handed out for it is a live credential nobody uses.',
    fix: 'Deploy it (generate its connection string and install it), or delete it and its sync token if it is not needed.',
    window:
      "created more than 7 days ago (Azure's creation time, else its sync token's), activation Inactive, no activity ever reported",
  },
  {
    id: 'connected-registry.child-syncs-unsynced-repository',
    severity: 'medium',
    title: 'Child syncing a repository its parent does not sync',
    why: 'A connected registry syncs from its parent; content its parent does not hold never arrives, so clients pulling it fail.',
    fix: "Add the repository to the child through the connected registry's synced repositories (which also updates its ancestors), or remove it from the child.",
  },
  {
    id: 'connected-registry.down-over-24-hours',
    severity: 'high',
    title: 'Connected registry offline or unhealthy for over 24 hours',
    why: 'Clients on site get stale content or none, and changes to client tokens do not reach it.',
    fix: 'Check the device and the status details; redeploy or regenerate its connection string if its sync token changed.',
    window:
      'Offline: since its last activity; Unhealthy: since its earliest status detail; over 24 hours',
  },
  {
    id: 'sync-token.password-never-rotated',
    severity: 'medium',
    title: 'Sync token password never rotated',
    why: 'The connected registry has used the same password since it was created; if it leaked from the device or a deployment, it still works.',
    fix: 'Generate the connection string (rotates the sync token password) and redeploy it to the connected registry.',
    window: 'token older than 90 days, every password created within 24 hours of the token',
  },
] as const satisfies readonly CatalogueEntry[];

const catalogueById = /* @__PURE__ */ new Map<string, CatalogueEntry>(
  findingCatalogue.map((e) => [e.id, e]),
);

export const findingTargetSchema = z.object({
  kind: z.enum(['token', 'scope-map', 'connected-registry']),
  name: z.string(),
  /** For password findings. */
  slot: z.optional(z.enum(['password1', 'password2'])),
  /** For a client token's finding on one connected registry. */
  connectedRegistry: z.optional(z.string()),
  /** Human label, e.g. "token line1-camera01 slot password1". */
  label: z.string(),
});
export type FindingTarget = z.infer<typeof findingTargetSchema>;

export const findingSchema = z.object({
  id: z.enum(findingIds),
  /** Unique within one result: id + target. */
  key: z.string(),
  severity: z.enum(severities),
  target: findingTargetSchema,
  title: z.string(),
  why: z.string(),
  fix: z.string(),
  fixAction: z.enum(fixActions),
  window: z.optional(z.string()),
  /** The rules, dates or states behind it. */
  evidence: z.array(z.string()),
});
export type Finding = z.infer<typeof findingSchema>;

/** A finding of the catalogue on one target (for the findings modules). */
export function finding(
  id: FindingId,
  target: Omit<FindingTarget, 'label'>,
  fixAction: FixAction,
  evidence: string[],
): Finding {
  const e = catalogueById.get(id);
  if (!e) throw new Error(`unknown finding ${id}`);
  const label =
    `${target.kind === 'scope-map' ? 'scope map' : target.kind} ${target.name}` +
    (target.slot ? ` slot ${target.slot}` : '') +
    (target.connectedRegistry ? ` on ${target.connectedRegistry}` : '');
  const f: Finding = {
    id,
    key: [id, target.kind, target.name, target.slot ?? '', target.connectedRegistry ?? ''].join(
      ':',
    ),
    severity: e.severity,
    target: { ...target, label },
    title: e.title,
    why: e.why,
    fix: e.fix,
    fixAction,
    evidence,
  };
  if (e.window) f.window = e.window;
  return f;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const days = (ms: number) => Math.floor(ms / DAY);
