import type { Logger } from 'pino';
import { AuditOutcomeConflictError, type AuditLog, type AuditRecord } from '../../storage';
import { judgeIntent, resourcesOf, type ObservedRegistry } from './judge';

export type { ObservedRegistry } from './judge';

/** Default age before an "outcome unknown" change is judged against ARM. */
export const RECONCILE_AFTER_MS = 10 * 60_000;

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
        // ARM's state is evidence about this change only if no later console
        // change touched the same resources; otherwise it cannot tell.
        const mine = new Set(resourcesOf(intent, arm.registry.id));
        const later = (await this.log.intentsAfter(intent.seq, `${arm.registry.id}/`)).filter((x) =>
          resourcesOf(x, arm.registry.id).some((id) => mine.has(id)),
        );
        if (later.length > 0) {
          if (await this.superseded(intent, later)) settled++;
          continue;
        }
        const verdict = judgeIntent(intent, arm);
        if (!verdict) continue;
        if (verdict.outcome === 'unknown') {
          if (await this.superseded(intent, [], verdict.observed)) settled++;
          continue;
        }
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

  /** Settles `intent` as "outcome unknown (superseded by …)": later changes touched what it changed. */
  private async superseded(
    intent: AuditRecord,
    later: AuditRecord[],
    outside?: string,
  ): Promise<boolean> {
    const by: unknown[] = later.map((x) => ({
      intentId: x.id,
      action: x.action,
      actor: x.actor,
      recordedAt: x.recordedAt.toISOString(),
    }));
    const first = later[0];
    const note = first
      ? `outcome unknown (superseded by ${first.action} by ${first.actor} at ${first.recordedAt.toISOString()}${later.length > 1 ? ` and ${later.length - 1} more` : ''}): ARM's state now reflects a later change, so it cannot tell whether this one was applied`
      : `outcome unknown (superseded by a change outside the console): ${outside ?? ''}`;
    if (!first) by.push('a change outside the console');
    const written = await this.log
      .settleAsUnknown(intent.id, { superseded: by, note, observedBy: this.observer })
      .then(
        () => true,
        (error: unknown) => {
          if (error instanceof AuditOutcomeConflictError) return false;
          throw error;
        },
      );
    if (written) {
      this.logger.info(
        { intentId: intent.id, action: intent.action, supersededBy: first?.id ?? 'outside' },
        'interrupted change settled as outcome unknown: superseded by a later change',
      );
    }
    return written;
  }
}
