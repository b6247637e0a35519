/**
 * Runs the ARM steps of creating or deleting a connected registry in order,
 * one audit record per step, and on a failure undoes the finished steps
 * newest first (each undo audited too), reporting every step: done, failed,
 * undone, or skipped (not attempted).
 */
import type { RegistryPath, StepReport } from '@latchkey/domain';
import type { ScopeMapRecord } from '../../arm/mappers';
import { AppError, asAppError, withSteps } from '../../http/errors';
import type { LockedChange } from '../shared/change-discipline';
import type { ConnectedRegistryAdminCore } from './admin-core';
import { sameList } from './synced-repositories';

export interface AuditedStep {
  action: string;
  target: string;
  before: unknown;
}

export interface LifecycleStep<T = unknown> {
  /** How it reads in the steps report. */
  step: string;
  audit: AuditedStep;
  /** The ARM write; its result is the step's audit `after`. */
  run: () => Promise<T>;
  /** Whether a failed `run` may still have changed Azure (a long-running operation can fail after applying). */
  landed?: () => Promise<boolean>;
  /** Puts back what `run` did. */
  undo?: { step: string; audit: AuditedStep; run: () => Promise<unknown>; detail?: string };
  /** Why it cannot be undone, when it cannot. */
  irreversible?: string;
}

export interface StepsOutcome {
  steps: StepReport[];
  results: unknown[];
  /** The audit record id of each step, in order. */
  auditIds: string[];
}

/** True unless the read says "not found"; an unreadable state counts as landed (check, don't guess). */
export const exists = (read: () => Promise<unknown>) => () =>
  read().then(
    () => true,
    (e: unknown) => !(e instanceof AppError && e.code === 'not_found'),
  );

/** The resource, or undefined when Azure says it does not exist. */
export const orNone = <T>(read: Promise<T>): Promise<T | undefined> =>
  read.catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') return undefined;
    throw e;
  });

export async function runLifecycleSteps(
  c: ConnectedRegistryAdminCore,
  change: LockedChange,
  plan: LifecycleStep[],
): Promise<StepsOutcome> {
  const steps: StepReport[] = [];
  const results: unknown[] = [];
  const auditIds: string[] = [];
  const audited = async <T>(a: AuditedStep, run: () => Promise<T>) => {
    // Each record lists the ARM request ids of its own step only.
    const from = c.armRequestIds().length;
    const { result, auditId } = await change.record(
      { actor: c.d.actor, requestId: c.d.requestId, ...a },
      () => c.armRequestIds().slice(from),
      async () => {
        const result = await run();
        return { result, after: result ?? { done: true } };
      },
    );
    return { result, auditId };
  };
  let at = 0;
  try {
    for (; at < plan.length; at++) {
      const s = plan[at]!;
      const { result, auditId } = await audited(s.audit, s.run);
      results.push(result);
      auditIds.push(auditId);
      steps.push({ step: s.step, outcome: 'done' });
    }
    return { steps, results, auditIds };
  } catch (error) {
    const failed = plan[at]!;
    const reason = asAppError(error);
    steps.push({ step: failed.step, outcome: 'failed', detail: reason.message });
    for (const s of plan.slice(at + 1)) steps.push({ step: s.step, outcome: 'skipped' });
    // The failed step itself may have landed; it is put back only if it did.
    const undoFailed = failed.undo && (await (failed.landed?.() ?? Promise.resolve(false)));
    const toUndo = [...(undoFailed ? [failed] : []), ...plan.slice(0, at).reverse()];
    for (const s of toUndo) {
      if (!s.undo) {
        steps.push({
          step: `Undo: ${s.step}`,
          outcome: 'failed',
          detail: s.irreversible ?? 'this step cannot be undone',
        });
        continue;
      }
      const undo = s.undo;
      await audited(undo.audit, undo.run).then(
        () =>
          steps.push({
            step: undo.step,
            outcome: 'undone',
            ...(undo.detail ? { detail: undo.detail } : {}),
          }),
        (e: unknown) =>
          steps.push({
            step: undo.step,
            outcome: 'failed',
            detail: `${asAppError(e).message} Put it back by hand: the audit record of "${s.step}" holds what it was.`,
          }),
      );
    }
    throw withSteps(reason, steps);
  }
}

/** Replacing an ancestor's sync scope map actions, restored to `map.actions` on undo. */
export function scopeMapActionsStep(
  c: ConnectedRegistryAdminCore,
  ref: RegistryPath,
  o: { step: string; map: ScopeMapRecord; after: string[]; why: Record<string, unknown> },
): LifecycleStep {
  const { map, after } = o;
  return {
    step: o.step,
    audit: {
      action: 'scopeMap.actions',
      target: map.id,
      before: { actions: map.actions, ...o.why },
    },
    run: () => c.d.writer.setScopeMapActions(ref, map.name, after),
    landed: async () =>
      !sameList((await c.d.reader.getScopeMap(ref, map.name)).actions, map.actions),
    undo: {
      step: `Restore scope map ${map.name}`,
      audit: {
        action: 'scopeMap.actions',
        target: map.id,
        before: { actions: after, restore: map.actions, undo: true, ...o.why },
      },
      run: () => c.d.writer.setScopeMapActions(ref, map.name, map.actions),
    },
  };
}
