import type { Logger } from 'pino';
import type { ConnectedRegistryView } from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import { AuditOutcomeConflictError, type AuditLog, type AuditRecord } from '../../storage';

/** Default age before an "outcome unknown" change is judged against ARM. */
export const RECONCILE_AFTER_MS = 10 * 60_000;

// Reconciliation of "outcome unknown": what ARM shows now, compared with what
// an interrupted change said it would do.
/** What a registry holds in ARM now, as a read of it returns it. */
export interface ObservedRegistry {
  registry: { id: string };
  tokens: TokenRecord[];
  scopeMaps: ScopeMapRecord[];
  connectedRegistries: ConnectedRegistryView[];
}

interface Verdict {
  outcome: 'succeeded' | 'failed';
  observed: string;
}

type Slot = { name: string; present: boolean; creationTime?: string };

const eq = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();
const lastSegment = (id: string) => id.split('/').pop() ?? id;
const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
const sameSet = (a: string[], b: string[]) => {
  const x = new Set(a.map((s) => s.toLowerCase()));
  const y = new Set(b.map((s) => s.toLowerCase()));
  return x.size === y.size && [...x].every((s) => y.has(s));
};

/** Whether `slot` now holds a password newer than the one recorded in the intent. */
function newerPassword(now: Slot | undefined, before: Slot | undefined): boolean {
  if (!now?.present) return false;
  if (!before?.present || !before.creationTime) return true;
  return !!now.creationTime && Date.parse(now.creationTime) > Date.parse(before.creationTime);
}

/**
 * Compares what an intent set out to do with what ARM holds now. Undefined
 * when the state cannot tell (an action it does not know): the intent stays
 * "outcome unknown" rather than getting a guess.
 */
export function judgeIntent(intent: AuditRecord, arm: ObservedRegistry): Verdict | undefined {
  const state = obj(obj(intent.before).state);
  const name = lastSegment(intent.target);
  const token = (n: string) => arm.tokens.find((t) => eq(t.name, n));
  const map = (n: string) => arm.scopeMaps.find((m) => eq(m.name, n));
  const cr = arm.connectedRegistries.find((c) => eq(c.id, intent.target));
  const slot = String(state.slot ?? '');
  const slotOf = (slots: Slot[] | undefined) => slots?.find((p) => p.name === slot);
  const beforeSlots = (Array.isArray(state.passwords) ? state.passwords : []) as Slot[];
  const ok = (observed: string): Verdict => ({ outcome: 'succeeded', observed });
  const no = (observed: string): Verdict => ({ outcome: 'failed', observed });

  switch (intent.action) {
    case 'token.create': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      const p = slotOf(t.passwords);
      return p?.present
        ? ok(
            `token ${t.name} exists (${t.status}, scope map ${t.scopeMapName}) with ${slot} created ${p.creationTime ?? 'at an unknown time'}`,
          )
        : no(
            `token ${t.name} exists but ${slot} holds no password: generate one or delete the token`,
          );
    }
    case 'token.password.generate': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      const p = slotOf(t.passwords);
      return newerPassword(p, slotOf(beforeSlots))
        ? ok(
            `${slot} of ${t.name} holds a password created ${p?.creationTime ?? 'after the intent'}`,
          )
        : no(
            `${slot} of ${t.name} ${p?.present ? `still holds the password created ${p.creationTime}` : 'holds no password'}`,
          );
    }
    case 'token.password.revoke': {
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      return slotOf(t.passwords)?.present
        ? no(`${slot} of ${t.name} still holds a password`)
        : ok(`${slot} of ${t.name} holds no password`);
    }
    case 'token.enable':
    case 'token.disable': {
      const wanted = intent.action === 'token.enable' ? 'enabled' : 'disabled';
      const t = token(name);
      if (!t) return no(`token ${name} does not exist`);
      return t.status === wanted
        ? ok(`token ${t.name} is ${t.status}`)
        : no(`token ${t.name} is ${t.status}`);
    }
    case 'token.delete':
      return token(name) ? no(`token ${name} still exists`) : ok(`token ${name} does not exist`);
    case 'scopeMap.create':
      return map(name) ? ok(`scope map ${name} exists`) : no(`scope map ${name} does not exist`);
    case 'scopeMap.update': {
      const m = map(name);
      if (!m) return no(`scope map ${name} does not exist`);
      const intended = strings(obj(state.intended).actions);
      if (intended.length === 0) return undefined;
      return sameSet(m.actions, intended)
        ? ok(`scope map ${m.name} holds the ${intended.length} intended actions`)
        : no(
            `scope map ${m.name} holds ${m.actions.length} actions, not the ${intended.length} intended`,
          );
    }
    case 'scopeMap.delete':
      return map(name)
        ? no(`scope map ${name} still exists`)
        : ok(`scope map ${name} does not exist`);
    case 'connectedRegistry.clientTokens': {
      if (!cr) return no(`connected registry ${name} does not exist`);
      const has = (n: string) => cr.clientTokenNames.some((c) => eq(c, n));
      const missing = strings(state.add).filter((n) => !has(n));
      const kept = strings(state.remove).filter(has);
      return missing.length === 0 && kept.length === 0
        ? ok(`client tokens of ${cr.name}: ${cr.clientTokenNames.join(', ') || 'none'}`)
        : no(
            `client tokens of ${cr.name}: ${[...missing.map((n) => `${n} not attached`), ...kept.map((n) => `${n} still attached`)].join(', ')}`,
          );
    }
    case 'connectedRegistry.syncedRepositories': {
      const add = strings(state.add);
      const remove = strings(state.remove);
      const wrong: string[] = [];
      for (const planned of Array.isArray(state.maps) ? state.maps.map(obj) : []) {
        const m = map(String(planned.scopeMap ?? ''));
        if (!m) {
          wrong.push(`scope map ${String(planned.scopeMap)} does not exist`);
          continue;
        }
        const has = (repo: string) =>
          m.actions.some((a) => a.toLowerCase().startsWith(`repositories/${repo.toLowerCase()}/`));
        const role = String(planned.role);
        if (role !== 'descendant')
          wrong.push(...add.filter((r) => !has(r)).map((r) => `${m.name} lacks ${r}`));
        if (role !== 'ancestor')
          wrong.push(...remove.filter(has).map((r) => `${m.name} still has ${r}`));
      }
      return wrong.length === 0
        ? ok(`the sync scope maps hold the intended repositories`)
        : no(wrong.join('; '));
    }
    case 'connectedRegistry.connectionString': {
      const syncName = String(state.syncToken ?? '');
      const t = token(syncName);
      if (!t) return no(`sync token ${syncName} does not exist`);
      const p = slotOf(t.passwords);
      return newerPassword(p, slotOf(beforeSlots))
        ? ok(
            `${slot} of sync token ${t.name} holds a password created ${p?.creationTime ?? 'after the intent'}`,
          )
        : no(`${slot} of sync token ${t.name} was not replaced`);
    }
    case 'connectedRegistry.deactivate':
      if (!cr) return no(`connected registry ${name} does not exist`);
      return cr.activation === 'Inactive'
        ? ok(`${cr.name} is inactive`)
        : no(`${cr.name} is ${cr.activation.toLowerCase()}`);
    default:
      return undefined;
  }
}

/**
 * Settles intents a crash left as "outcome unknown". At start-up the BFF holds
 * no ARM credential (every call is made as a signed-in person), so this runs
 * on the first read of the registry by someone allowed to read it, against
 * the state that read just fetched: no extra ARM call. Each intent gets one
 * definite outcome; a second reconciler (another request, another instance)
 * finds it settled and leaves it.
 */
export class OutcomeReconciler {
  constructor(
    private readonly log: AuditLog,
    private readonly logger: Logger,
    private readonly observer: string,
    private readonly now: () => number = Date.now,
    /**
     * Only intents at least this old are judged. Another instance may still be
     * running a change that a restarting instance marked "unknown" (a rolling
     * deploy); judging it mid-flight could record the wrong outcome. Longer
     * than any change can take (each ARM call is bounded by the ARM timeout).
     */
    private readonly minAgeMs: number = RECONCILE_AFTER_MS,
  ) {}

  /**
   * Returns how many intents were settled. Never throws: a read must not fail
   * because of it. `observedAt` is when the state was read from ARM (a
   * snapshot may be older than now): only intents old enough at that moment
   * are judged, so a snapshot that predates a change never settles it. When
   * an intent is old enough now but the state predates it, `fresher` (a read
   * from ARM now) is asked for once and the intents are judged against that.
   */
  async reconcile(
    observed: ObservedRegistry,
    observedAt: number = this.now(),
    fresher?: () => Promise<{ state: ObservedRegistry; readAt: number }>,
  ): Promise<number> {
    try {
      let arm = observed;
      const unresolved = await this.log.unresolvedIntents(`${arm.registry.id}/`);
      let settled = 0;
      let cutoff = observedAt - this.minAgeMs;
      const judgeable = this.now() - this.minAgeMs;
      const waiting = unresolved.some(
        (i) => i.recordedAt.getTime() > cutoff && i.recordedAt.getTime() <= judgeable,
      );
      if (waiting && fresher) {
        const read = await fresher();
        arm = read.state;
        observedAt = read.readAt;
        cutoff = observedAt - this.minAgeMs;
      }
      for (const intent of unresolved) {
        if (intent.recordedAt.getTime() > cutoff) continue;
        const verdict = judgeIntent(intent, arm);
        if (!verdict) continue;
        const note = `reconciled against ARM at ${new Date(observedAt).toISOString()}: ${verdict.observed}`;
        const written = await this.log
          .appendOutcome(intent.id, {
            outcome: verdict.outcome,
            after: { reconciled: true, note, observedBy: this.observer },
            armRequestIds: [],
            ...(verdict.outcome === 'failed'
              ? { error: { code: 'not_applied', message: note } }
              : {}),
          })
          .then(
            () => true,
            (error: unknown) => {
              if (error instanceof AuditOutcomeConflictError) return false;
              throw error;
            },
          );
        if (!written) continue;
        settled++;
        this.logger.info(
          {
            intentId: intent.id,
            action: intent.action,
            target: intent.target,
            outcome: verdict.outcome,
          },
          'interrupted change reconciled against ARM',
        );
      }
      return settled;
    } catch (error) {
      this.logger.error({ err: error }, 'reconciling interrupted changes failed');
      return 0;
    }
  }
}
