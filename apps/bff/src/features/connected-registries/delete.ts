/**
 * Deleting a connected registry, as `az acr connected-registry delete
 * [--cleanup]` does: the connected registry, then with cleanup its gateway
 * actions removed from every ancestor's sync scope map, its sync token and its
 * sync scope map. Refused while it has children. Each step is audited; a
 * failure undoes the finished ones as far as Azure allows (lifecycle-steps.ts).
 *
 * The CLI deletes token and scope map before the ancestors' maps; here the
 * ancestors come first, so that the steps that cannot be fully undone (a
 * deleted token's passwords are gone) are the last ones. Like the CLI, only
 * the gateway actions leave the ancestors' maps: their repository actions
 * stay, because the ancestor itself or a sibling may sync those repositories
 * and the map does not say which.
 */
import {
  ancestorsOf,
  childId,
  gatewayActionsFor,
  type ConnectedRegistryDeleteResult,
  type ConnectedRegistryView,
  type RegistryPath,
} from '@latchkey/domain';
import type { ScopeMapRecord, TokenRecord } from '../../arm/mappers';
import { AppError } from '../../http/errors';
import type { LockedChange } from '../shared/change-discipline';
import type { ConnectedRegistryAdminCore } from './admin-core';
import {
  exists,
  orNone,
  runLifecycleSteps,
  scopeMapActionsStep,
  type LifecycleStep,
} from './lifecycle-steps';
import { applyActions, invalid, lower, sameList } from './synced-repositories';

interface Plan {
  cr: ConnectedRegistryView;
  cleanup: boolean;
  ancestors: { cr: ConnectedRegistryView; map: ScopeMapRecord }[];
  /** The sync token and its scope map, when cleanup deletes them (undefined: kept, with the reason in warnings). */
  syncToken?: TokenRecord | undefined;
  syncScopeMap?: ScopeMapRecord | undefined;
  warnings: string[];
}

export class ConnectedRegistryDeletion {
  constructor(private readonly c: ConnectedRegistryAdminCore) {}

  async delete(
    ref: RegistryPath,
    name: string,
    body: { cleanup: boolean; confirmName: string },
  ): Promise<ConnectedRegistryDeleteResult> {
    return this.c.runPlanned({
      plan: (inLock) => this.plan(ref, name, body, inLock),
      lockedIds: (plan) => this.lockedIds(ref, plan),
      changed: (plan) => `${plan.cr.name} or its hierarchy`,
      run: (plan, change) => this.deleteLocked(ref, plan, change),
    });
  }

  private lockedIds(ref: RegistryPath, plan: Plan): string[] {
    return [
      plan.cr.id,
      ...(plan.syncToken ? [childId(ref, 'tokens', plan.syncToken.name)] : []),
      ...(plan.syncScopeMap ? [plan.syncScopeMap.id] : []),
      ...plan.ancestors.map((a) => a.map.id),
    ];
  }

  private async plan(
    ref: RegistryPath,
    name: string,
    body: { cleanup: boolean; confirmName: string },
    /** Inside the locks: only then is the token list read (once) to see who else uses the map. */
    inLock: boolean,
  ): Promise<Plan> {
    const { cr, all } = await this.c.load(ref, name);
    if (body.confirmName !== cr.name) {
      throw invalid(`Deleting ${cr.name} cannot be fully undone. Type ${cr.name} to confirm.`, [
        {
          field: 'confirmName',
          rule: 'matches-connected-registry',
          message: `must be "${cr.name}"`,
        },
      ]);
    }
    const children = all.filter((c) => c.parentName && lower(c.parentName) === lower(cr.name));
    if (children.length > 0) {
      const names = children.map((c) => c.name).sort();
      throw new AppError(
        'conflict',
        `${cr.name} has child connected registries (${names.join(', ')}): delete them first.`,
        {
          details: [
            {
              field: 'name',
              rule: 'no-children',
              message: `has children: ${names.join(', ')}`,
            },
          ],
          current: { children: names },
        },
      );
    }
    const warnings: string[] = [];
    if (!body.cleanup) {
      warnings.push(
        `The sync token ${cr.syncTokenName ?? ''} and its scope map were kept, and the ancestors' sync scope maps still hold gateway/${lower(cr.name)}/… actions: delete them when no longer needed.`,
      );
      return { cr, cleanup: false, ancestors: [], warnings };
    }
    const ancestors = await Promise.all(
      ancestorsOf(cr, all).map(async (a) => ({
        cr: a,
        map: await this.c.syncScopeMapOf(
          ref,
          a,
          `${cr.name}'s gateway actions cannot be removed from it`,
        ),
      })),
    );
    let syncToken: TokenRecord | undefined;
    let syncScopeMap: ScopeMapRecord | undefined;
    if (cr.syncTokenName) {
      const name = cr.syncTokenName;
      syncToken = await orNone(this.c.d.reader.getToken(ref, name));
      // A token another connected registry uses (as sync or client token) stays.
      const others = all.filter(
        (o) =>
          lower(o.name) !== lower(cr.name) &&
          (lower(o.syncTokenName ?? '') === lower(name) ||
            o.clientTokenNames.some((n) => lower(n) === lower(name))),
      );
      if (syncToken && others.length > 0) {
        warnings.push(
          `The sync token ${syncToken.name} was kept: ${others.map((o) => o.name).join(', ')} also use it.`,
        );
        syncToken = undefined;
      }
      if (syncToken?.scopeMapName) {
        const kept = syncToken;
        const map = await this.c.d.reader.getScopeMap(ref, kept.scopeMapName!);
        const users = inLock
          ? (await this.c.d.reader.listTokens(ref)).filter(
              (t) =>
                lower(t.name) !== lower(kept.name) &&
                lower(t.scopeMapName ?? '') === lower(map.name),
            )
          : [];
        if (map.type === 'SystemDefined') {
          // A system map is never deleted.
        } else if (users.length > 0) {
          warnings.push(
            `The scope map ${map.name} was kept: ${users.map((t) => t.name).join(', ')} also use it.`,
          );
        } else {
          syncScopeMap = map;
        }
      }
    }
    return { cr, cleanup: true, ancestors, syncToken, syncScopeMap, warnings };
  }

  private async deleteLocked(
    ref: RegistryPath,
    plan: Plan,
    change: LockedChange,
  ): Promise<ConnectedRegistryDeleteResult> {
    const { cr } = plan;
    const { reader, writer, registryWriter } = this.c.d;
    const partOf = { deleteConnectedRegistry: cr.name };
    const settings = {
      mode: cr.mode,
      parentName: cr.parentName,
      syncTokenName: cr.syncTokenName ?? '',
      schedule: cr.syncSchedule ?? '* * * * *',
      syncWindow: cr.syncWindow,
      messageTtl: cr.messageTtl ?? 'P2D',
      logLevel: 'Information',
      clientTokenNames: cr.clientTokenNames,
    };
    const steps: LifecycleStep[] = [
      {
        step: `Delete connected registry ${cr.name}`,
        audit: {
          action: 'connectedRegistry.delete',
          target: cr.id,
          before: { ...settings, activation: cr.activation, cleanup: plan.cleanup },
        },
        run: () => writer.deleteConnectedRegistry(ref, cr.name),
        landed: async () => !(await exists(() => this.c.load(ref, cr.name))()),
        undo: {
          step: `Re-create connected registry ${cr.name}`,
          detail:
            'with its mode, parent, sync token, sync settings and client tokens; it is inactive, so its device must be deployed again',
          audit: {
            action: 'connectedRegistry.create',
            target: cr.id,
            before: { ...settings, undo: true },
          },
          run: () => writer.createConnectedRegistry(ref, cr.name, settings),
        },
      },
    ];
    const gateway = gatewayActionsFor(cr.name);
    for (const { cr: a, map } of plan.ancestors) {
      const after = applyActions(map.actions, [], gateway);
      if (sameList(after, map.actions)) continue;
      steps.push(
        scopeMapActionsStep(this.c, ref, {
          step: `Update scope map ${map.name} (ancestor ${a.name}): remove ${cr.name}'s gateway actions`,
          map,
          after,
          why: { remove: gateway, ...partOf },
        }),
      );
    }
    const token = plan.syncToken;
    if (token) {
      steps.push({
        step: `Delete sync token ${token.name}`,
        audit: {
          action: 'token.delete',
          target: childId(ref, 'tokens', token.name),
          before: { scopeMap: token.scopeMapName, status: token.status, ...partOf },
        },
        run: () => registryWriter.deleteToken(ref, token.name),
        landed: async () => !(await exists(() => reader.getToken(ref, token.name))()),
        undo: {
          step: `Re-create sync token ${token.name}`,
          detail:
            'without its passwords, which cannot be restored: generate a new connection string',
          audit: {
            action: 'token.create',
            target: childId(ref, 'tokens', token.name),
            before: { scopeMap: token.scopeMapName, status: token.status, undo: true, ...partOf },
          },
          run: () =>
            registryWriter.createToken(ref, token.name, {
              scopeMapName: token.scopeMapName!,
              status: token.status,
            }),
        },
      });
    }
    const map = plan.syncScopeMap;
    if (map) {
      steps.push({
        step: `Delete sync scope map ${map.name}`,
        audit: {
          action: 'scopeMap.delete',
          target: map.id,
          before: { actions: map.actions, description: map.description, ...partOf },
        },
        run: () => registryWriter.deleteScopeMap(ref, map.name),
        landed: async () => !(await exists(() => reader.getScopeMap(ref, map.name))()),
        undo: {
          step: `Re-create sync scope map ${map.name}`,
          audit: {
            action: 'scopeMap.create',
            target: map.id,
            before: { actions: map.actions, undo: true, ...partOf },
          },
          run: () =>
            registryWriter.createScopeMap(ref, map.name, {
              actions: map.actions,
              ...(map.description ? { description: map.description } : {}),
            }),
        },
      });
    }
    const outcome = await runLifecycleSteps(this.c, change, steps);
    const maps = await Promise.all(plan.ancestors.map((a) => reader.getScopeMap(ref, a.map.name)));
    await this.c.d.snapshot?.(ref, {
      scopeMaps: maps,
      deleted: {
        connectedRegistries: [cr.name],
        ...(token ? { tokens: [token.name] } : {}),
        ...(map ? { scopeMaps: [map.name] } : {}),
      },
    });
    return {
      deleted: cr.name,
      cleanup: plan.cleanup,
      warnings: plan.warnings,
      steps: outcome.steps,
      auditId: outcome.auditIds[0]!,
    };
  }
}
