import {
  bulkConfirmation,
  passwordState,
  proposedSlot,
  type BulkItem,
  type BulkTokenAction,
  type BulkTokenPreview,
  type ConnectedRegistryView,
  type PasswordSlotName,
  type TokenView,
} from '@latchkey/domain';

/** One token's planned change: what the runner does and re-checks inside the token's lock. */
export interface PlannedItem extends BulkItem {
  /** The slots to revoke (revoke-expired-passwords) or to generate into (generate-passwords). */
  slots: PasswordSlotName[];
  /** For a sync token chosen one by one: its connected registry (the disable confirmation). */
  syncOf?: string;
}

export interface BulkPlan extends Omit<BulkTokenPreview, 'items'> {
  items: PlannedItem[];
}

const lower = (s: string) => s.toLowerCase();

/** The connected registry and every descendant, by name: what a sync token's change reaches. */
export function blastRadius(crs: readonly ConnectedRegistryView[], name: string): string {
  const below: string[] = [];
  let frontier = [lower(name)];
  // Bounded by the number of connected registries (a parent cycle cannot loop forever).
  for (let depth = 0; depth < crs.length && frontier.length > 0; depth++) {
    const next = crs.filter((c) => c.parentName && frontier.includes(lower(c.parentName)));
    below.push(...next.map((c) => c.name));
    frontier = next.map((c) => lower(c.name));
  }
  return below.length === 0
    ? `Connected registry ${name} stops syncing.`
    : `Connected registry ${name} stops syncing, and with it ${below.length} registr${below.length === 1 ? 'y' : 'ies'} below it: ${below.slice(0, 10).join(', ')}${below.length > 10 ? ', …' : ''}.`;
}

/**
 * Why a token is not changed by the action at `now`, or what changes.
 * The same test runs again on the token's current state inside its lock,
 * so a token that changed since the preview is skipped, not overwritten.
 */
export function decide(
  action: BulkTokenAction,
  token: Pick<TokenView, 'status' | 'passwords' | 'kind'>,
  now: number,
): { change: string; slots: PasswordSlotName[] } | { skip: string } {
  const states = token.passwords.map((p) => passwordState(p, now));
  switch (action) {
    case 'disable':
      return token.status === 'disabled'
        ? { skip: 'already disabled' }
        : { change: 'Disable', slots: [] };
    case 'enable':
      return token.status === 'enabled'
        ? { skip: 'already enabled' }
        : { change: 'Enable', slots: [] };
    case 'revoke-expired-passwords': {
      const slots = token.passwords.filter((_, i) => states[i] === 'expired').map((p) => p.name);
      return slots.length === 0
        ? { skip: 'no expired password' }
        : { change: `Revoke ${slots.join(' and ')} (expired)`, slots };
    }
    case 'delete-unused': {
      if (token.kind.type !== 'unattached') return { skip: 'attached to a connected registry' };
      const usable = states.some((s) => s !== 'missing' && s !== 'expired');
      if (token.status === 'enabled' && usable)
        return { skip: 'in use: enabled with a valid password' };
      return { change: 'Delete', slots: [] };
    }
    case 'generate-passwords': {
      if (token.kind.type !== 'client') return { skip: 'not a client token' };
      const slot = proposedSlot(token.passwords);
      const replaced = token.passwords.find((p) => p.name === slot)?.present;
      return {
        change: `Generate ${slot}${replaced ? ' (replaces the older password)' : ''}, expiring in 90 days`,
        slots: [slot],
      };
    }
  }
}

/**
 * The preview of a bulk action: per named token what changes, or why it is
 * skipped. Sync tokens are left out unless chosen one by one (their change
 * reaches a connected registry and everything below it).
 */
export function planBulk(
  input: {
    action: BulkTokenAction;
    selection: 'picked' | 'all-matching';
    names: readonly string[];
    includeSyncTokens?: readonly string[] | undefined;
  },
  overview: { tokens: readonly TokenView[]; connectedRegistries: readonly ConnectedRegistryView[] },
  now: number,
): BulkPlan {
  const byName = new Map(overview.tokens.map((t) => [lower(t.name), t]));
  const chosenSync = new Set((input.includeSyncTokens ?? []).map(lower));
  const seen = new Set<string>();
  const items: PlannedItem[] = [];
  const unknown: string[] = [];
  let syncExcluded = 0;
  for (const name of input.names) {
    if (seen.has(lower(name))) continue;
    seen.add(lower(name));
    const token = byName.get(lower(name));
    if (!token) {
      unknown.push(name);
      continue;
    }
    const base = { name: token.name, kind: token.kind.type, slots: [] as PasswordSlotName[] };
    if (token.kind.type === 'sync') {
      const cr = token.kind.connectedRegistry;
      const radius = blastRadius(overview.connectedRegistries, cr);
      if (!chosenSync.has(lower(token.name))) {
        syncExcluded++;
        items.push({
          ...base,
          change: 'None',
          outcome: 'skipped',
          reason: `sync token of ${cr}: left out unless chosen one by one`,
          blastRadius: radius,
        });
        continue;
      }
      const d = decide(input.action, token, now);
      items.push(
        'skip' in d
          ? { ...base, change: 'None', outcome: 'skipped', reason: d.skip, blastRadius: radius }
          : { ...base, ...d, outcome: 'pending', blastRadius: radius, syncOf: cr },
      );
      continue;
    }
    const d = decide(input.action, token, now);
    items.push(
      'skip' in d
        ? { ...base, change: 'None', outcome: 'skipped', reason: d.skip }
        : { ...base, ...d, outcome: 'pending' },
    );
  }
  const willChange = items.filter((i) => i.outcome === 'pending').length;
  const notes: string[] = [];
  if (syncExcluded > 0) {
    notes.push(
      `${syncExcluded} sync token${syncExcluded === 1 ? ' is' : 's are'} left out: a sync token's change reaches its connected registry and everything below it, so it is included only when chosen one by one.`,
    );
  }
  if (unknown.length > 0) {
    notes.push(
      `${unknown.length} name${unknown.length === 1 ? ' is' : 's are'} not a token of this registry (deleted meanwhile?): ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}.`,
    );
  }
  return {
    action: input.action,
    items,
    counts: {
      total: items.length,
      willChange,
      skipped: items.length - willChange,
      syncExcluded,
    },
    confirmation: willChange > 0 ? bulkConfirmation(input.action, willChange) : '',
    notes,
  };
}

/** The preview as the API answers it (without the runner's own fields). */
export function previewOf(plan: BulkPlan): BulkTokenPreview {
  return { ...plan, items: plan.items.map(({ slots: _s, syncOf: _c, ...item }) => item) };
}
