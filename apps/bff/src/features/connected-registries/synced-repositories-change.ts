/**
 * Changing the synced repositories of a connected registry: writes the plan of
 * synced-repositories.ts to each sync scope map under the locks, and undoes
 * the maps already written when a later write fails.
 */
import {
  type ConnectedRegistryMutationResult,
  type RegistryPath,
  type StepReport,
} from '@latchkey/domain';
import { asAppError, withSteps } from '../../http/errors';
import type { LockedChange } from '../shared/change-discipline';
import type { ConnectedRegistryAdminCore } from './admin-core';
import {
  applyActions,
  invalid,
  lower,
  sameList,
  stepName,
  syncPlan,
  syncedRepositoryRequest,
  type MapChange,
} from './synced-repositories';

/** Reference §3 limits. */
export const MAX_ACTIONS = 500;

export class SyncedRepositoryChanges {
  constructor(private readonly c: ConnectedRegistryAdminCore) {}

  /**
   * As `az acr connected-registry permissions update`: added repositories go
   * into the sync scope maps of the connected registry and of every ancestor
   * (which must sync them to pass them down), with the target's mode; removed
   * ones lose all five actions on the target and every descendant (which can
   * no longer receive them).
   */
  async updateSyncedRepositories(
    ref: RegistryPath,
    name: string,
    body: { add: string[]; remove: string[] },
  ): Promise<ConnectedRegistryMutationResult> {
    const request = syncedRepositoryRequest(body);
    // The change is applied as a delta onto the maps as they are inside the locks.
    return this.c.runPlanned({
      plan: () => this.syncMaps(ref, name, request),
      lockedIds: (maps) => [this.c.crId(ref, name), ...maps.current.map((m) => m.id)],
      changed: (maps) => `The sync scope maps of ${maps.cr.name} or its hierarchy`,
      run: (maps, change) => this.updateSyncedRepositoriesLocked(ref, request, maps, change),
    });
  }

  /** The connected registry, its plan and the current sync scope map of each planned registry. */
  async syncMaps(
    ref: RegistryPath,
    name: string,
    { add, remove }: { add: string[]; remove: string[] },
  ) {
    const { cr, all } = await this.c.load(ref, name);
    const plan = syncPlan(cr, all, add, remove);
    const current = await Promise.all(
      plan.map((p) =>
        this.c.syncScopeMapOf(ref, p.cr, 'its synced repositories cannot be changed'),
      ),
    );
    return { cr, plan, current };
  }

  private async updateSyncedRepositoriesLocked(
    ref: RegistryPath,
    { add, remove }: { add: string[]; remove: string[] },
    { cr, plan, current }: Awaited<ReturnType<SyncedRepositoryChanges['syncMaps']>>,
    change: LockedChange,
  ): Promise<ConnectedRegistryMutationResult> {
    const changes: MapChange[] = [];
    plan.forEach((p, i) => {
      const map = current[i]!;
      const after = applyActions(map.actions, p.add, p.remove);
      if (after.length > MAX_ACTIONS) {
        throw invalid(
          `Scope map ${map.name} (sync scope map of ${p.cr.name}) would hold ${after.length} actions; a scope map holds at most ${MAX_ACTIONS}.`,
          [{ field: 'add', rule: 'max-500-actions', message: 'at most 500 actions per scope map' }],
        );
      }
      // Two connected registries may share a map: change it once, with every edit folded in.
      const same = changes.find((c) => lower(c.scopeMap) === lower(map.name));
      if (same) same.after = applyActions(same.after, p.add, p.remove);
      else
        changes.push({
          connectedRegistry: p.cr.name,
          role: p.role,
          scopeMap: map.name,
          before: map.actions,
          after,
        });
    });
    const writes = changes.filter((c) => !sameList(c.before, c.after));

    const steps: StepReport[] = [];
    const { result, auditId, notice } = await change.record(
      {
        actor: this.c.d.actor,
        action: 'connectedRegistry.syncedRepositories',
        target: cr.id,
        before: {
          add,
          remove,
          mode: cr.mode,
          maps: writes.map((c) => ({
            connectedRegistry: c.connectedRegistry,
            role: c.role,
            scopeMap: c.scopeMap,
            actions: c.before,
          })),
        },
        requestId: this.c.d.requestId,
      },
      this.c.armRequestIds,
      async () => {
        const done: MapChange[] = [];
        let failed: MapChange | undefined;
        try {
          for (const c of writes) {
            failed = c;
            await this.c.d.writer.setScopeMapActions(ref, c.scopeMap, c.after);
            done.push(c);
            steps.push({ step: stepName(c), outcome: 'done' });
          }
          failed = undefined;
        } catch (error) {
          steps.push({
            step: stepName(failed!),
            outcome: 'failed',
            detail: asAppError(error).message,
          });
          // The maps after the one that failed were never written.
          for (const c of writes.slice(done.length + 1)) {
            steps.push({ step: stepName(c), outcome: 'skipped' });
          }
          await this.undo(ref, failed!, done, steps);
          throw withSteps(asAppError(error), steps);
        }
        if (writes.length === 0) {
          steps.push({
            step: `Sync scope maps of ${cr.name}`,
            outcome: 'skipped',
            detail: 'every map already held the requested repositories',
          });
        }
        const maps = await Promise.all(
          writes.map((c) => this.c.d.reader.getScopeMap(ref, c.scopeMap)),
        );
        const readBack = writes.map((c, i) => ({
          connectedRegistry: c.connectedRegistry,
          scopeMap: c.scopeMap,
          actions: maps[i]!.actions,
        }));
        const view = (await this.c.load(ref, cr.name)).cr;
        return { result: { view, maps }, after: { maps: readBack } };
      },
    );
    await this.c.d.snapshot?.(ref, { connectedRegistries: [result.view], scopeMaps: result.maps });
    return {
      connectedRegistry: result.view,
      warnings: [],
      steps,
      auditId,
      ...(notice ? { notice } : {}),
    };
  }

  /**
   * Restores the maps already changed, newest first. The failed write itself
   * may have landed (a long-running operation can fail after applying), so it
   * is re-read and restored only if it differs from what it was.
   */
  private async undo(
    ref: RegistryPath,
    failed: MapChange,
    done: MapChange[],
    steps: StepReport[],
  ): Promise<void> {
    const restore = async (c: MapChange) => {
      const step = `Restore scope map ${c.scopeMap}`;
      await this.c.d.writer.setScopeMapActions(ref, c.scopeMap, c.before).then(
        () => steps.push({ step, outcome: 'undone' }),
        () =>
          steps.push({
            step,
            outcome: 'failed',
            detail: `restore its ${c.before.length} previous actions by hand (they are in the audit record)`,
          }),
      );
    };
    const now = await this.c.d.reader.getScopeMap(ref, failed.scopeMap).then(
      (m) => m.actions,
      () => undefined,
    );
    if (now === undefined) {
      steps.push({
        step: `Check scope map ${failed.scopeMap}`,
        outcome: 'failed',
        detail: 'could not read it back; compare it with the audit record',
      });
    } else if (!sameList(now, failed.before)) {
      await restore(failed);
    }
    for (const c of [...done].reverse()) await restore(c);
  }
}
