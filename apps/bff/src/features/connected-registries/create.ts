/**
 * Creating a connected registry, as `az acr connected-registry create
 * --repository …` does: the registry's data endpoint (if the person agreed),
 * the sync scope map (repository actions for the mode and the four gateway
 * actions), the sync token, every ancestor's sync scope map gaining the new
 * child's gateway and repository actions, then the connected registry. Each
 * step is audited; a failure undoes the finished ones (lifecycle-steps.ts).
 *
 * Unlike the CLI, which overwrites a scope map or token of the same name,
 * an existing one is refused: undoing would otherwise delete what was there.
 */
import {
  ancestorsOf,
  childId,
  connectedRegistryDefaults,
  gatewayActionsFor,
  modeAllowedUnder,
  syncRepositoryActions,
  syncScopeMapDescription,
  syncSettingProblem,
  type ConnectedRegistryCreateResult,
  type ConnectedRegistryView,
  type RegistryPath,
} from '@latchkey/domain';
import type { ScopeMapRecord } from '../../arm/mappers';
import { AppError } from '../../http/errors';
import { nameTaken, type LockedChange } from '../shared/change-discipline';
import type { ConnectedRegistryAdminCore } from './admin-core';
import {
  exists,
  orNone,
  runLifecycleSteps,
  scopeMapActionsStep,
  type LifecycleStep,
} from './lifecycle-steps';
import { MAX_ACTIONS } from './synced-repositories-change';
import {
  applyActions,
  invalid,
  lower,
  sameList,
  syncedRepositoryNames,
} from './synced-repositories';

export interface CreateConnectedRegistryBody {
  name: string;
  parent: string | null;
  mode: 'ReadOnly' | 'ReadWrite';
  repositories: string[];
  syncSchedule?: string | undefined;
  syncWindow?: string | undefined;
  messageTtl?: string | undefined;
  logLevel?: string | undefined;
  clientTokens?: string[] | undefined;
  enableDataEndpoint?: boolean | undefined;
  confirmRegistryName?: string | undefined;
}

interface Plan {
  body: CreateConnectedRegistryBody;
  repositories: string[];
  enableDataEndpoint: boolean;
  /** Nearest first, each with its sync scope map as it is. */
  ancestors: { cr: ConnectedRegistryView; map: ScopeMapRecord }[];
  clientTokens: string[];
}

const registryId = (ref: RegistryPath) =>
  `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${ref.registryName}`;

export class ConnectedRegistryCreation {
  constructor(private readonly c: ConnectedRegistryAdminCore) {}

  async create(
    ref: RegistryPath,
    body: CreateConnectedRegistryBody,
  ): Promise<ConnectedRegistryCreateResult> {
    const repositories = [...new Set(syncedRepositoryNames(body.repositories, 'repositories'))];
    const problem = syncSettingProblem(body);
    if (problem) throw invalid(`The ${problem.field} ${problem.message}.`, [problem]);
    return this.c.runPlanned({
      plan: () => this.plan(ref, body, repositories),
      lockedIds: (plan) => this.lockedIds(ref, plan),
      changed: () => `The hierarchy above ${body.name}`,
      run: (plan, change) => this.createLocked(ref, plan, change),
    });
  }

  private lockedIds(ref: RegistryPath, plan: Plan): string[] {
    const name = plan.body.name;
    return [
      this.c.crId(ref, name),
      childId(ref, 'tokens', name),
      childId(ref, 'scopeMaps', name),
      ...(plan.enableDataEndpoint ? [registryId(ref)] : []),
      ...plan.ancestors.map((a) => a.map.id),
      ...plan.clientTokens.map((t) => childId(ref, 'tokens', t)),
    ];
  }

  /** The request checked against Azure as it is now. */
  private async plan(
    ref: RegistryPath,
    body: CreateConnectedRegistryBody,
    repositories: string[],
  ): Promise<Plan> {
    // Reads by name, not whole lists: a registry may hold thousands of tokens and scope maps.
    const [registry, all, token, map, clients] = await Promise.all([
      this.c.d.reader.getRegistry(ref),
      this.c.d.reader.listConnectedRegistries(ref),
      orNone(this.c.d.reader.getToken(ref, body.name)),
      orNone(this.c.d.reader.getScopeMap(ref, body.name)),
      Promise.all((body.clientTokens ?? []).map((n) => orNone(this.c.d.reader.getToken(ref, n)))),
    ]);
    if (registry.sku !== 'Premium') {
      throw new AppError(
        'conflict',
        `Connected registries need a Premium registry; ${registry.name} is ${registry.sku}.`,
      );
    }
    let enableDataEndpoint = false;
    if (!registry.dataEndpointEnabled) {
      if (!body.enableDataEndpoint) {
        throw invalid(
          `Connected registries need the dedicated data endpoint of ${registry.name}, which is off. Enabling it might affect your firewall rules: ask to enable it and type the registry's name to confirm.`,
          [
            {
              field: 'enableDataEndpoint',
              rule: 'data-endpoint-enabled',
              message: 'the registry’s data endpoint must be enabled (set true to enable it)',
            },
          ],
        );
      }
      if (body.confirmRegistryName !== registry.name) {
        throw invalid(`Type ${registry.name} to confirm enabling its data endpoint.`, [
          {
            field: 'confirmRegistryName',
            rule: 'matches-registry',
            message: `must be "${registry.name}"`,
          },
        ]);
      }
      enableDataEndpoint = true;
    }
    const existing = all.find((c) => lower(c.name) === lower(body.name));
    if (existing) {
      throw nameTaken(
        `A connected registry named ${existing.name} already exists.`,
        'name',
        existing,
      );
    }
    if (token) {
      throw nameTaken(
        `A token named ${token.name} already exists; the sync token of ${body.name} takes its name. Delete or rename it first.`,
        'name',
        token,
      );
    }
    if (map) {
      throw nameTaken(
        `A scope map named ${map.name} already exists; the sync scope map of ${body.name} takes its name. Delete or rename it first.`,
        'name',
        map,
      );
    }
    const clientTokens = clients.map((t, i) => {
      if (!t) {
        throw invalid(`Token ${body.clientTokens![i]} does not exist in ${ref.registryName}.`, [
          { field: `clientTokens.${i}`, rule: 'exists', message: 'no such token' },
        ]);
      }
      return t.name;
    });
    let ancestors: Plan['ancestors'] = [];
    if (body.parent !== null) {
      const parent = all.find((c) => lower(c.name) === lower(body.parent!));
      if (!parent) {
        throw invalid(`The parent connected registry ${body.parent} does not exist.`, [
          { field: 'parent', rule: 'exists', message: 'no such connected registry' },
        ]);
      }
      if (!modeAllowedUnder(parent.mode, body.mode)) {
        throw invalid(
          `${parent.name} is ReadOnly, and a ReadOnly connected registry can only have ReadOnly children: ${body.name} cannot be ${body.mode}.`,
          [
            {
              field: 'mode',
              rule: 'readonly-parent-readonly-children',
              message: 'a ReadOnly parent has only ReadOnly children',
            },
          ],
        );
      }
      const line = [parent, ...ancestorsOf(parent, all)];
      ancestors = await Promise.all(
        line.map(async (cr) => ({
          cr,
          map: await this.c.syncScopeMapOf(ref, cr, `${body.name} cannot be created under it`),
        })),
      );
    }
    return { body, repositories, enableDataEndpoint, ancestors, clientTokens };
  }

  private async createLocked(
    ref: RegistryPath,
    plan: Plan,
    change: LockedChange,
  ): Promise<ConnectedRegistryCreateResult> {
    const { body, repositories } = plan;
    const { reader, writer, registryWriter } = this.c.d;
    const name = body.name;
    const repoActions = syncRepositoryActions(repositories, body.mode);
    const ownActions = [...repoActions, ...gatewayActionsFor(name)];
    const description = syncScopeMapDescription(name);
    const mapId = childId(ref, 'scopeMaps', name);
    const tokenId = childId(ref, 'tokens', name);
    const crId = this.c.crId(ref, name);
    const settings = {
      mode: body.mode,
      parentName: body.parent,
      syncTokenName: name,
      schedule: body.syncSchedule ?? connectedRegistryDefaults.syncSchedule,
      syncWindow: body.syncWindow,
      messageTtl: body.messageTtl ?? connectedRegistryDefaults.messageTtl,
      logLevel: body.logLevel ?? connectedRegistryDefaults.logLevel,
      clientTokenNames: plan.clientTokens,
    };
    const partOf = { createConnectedRegistry: name };

    const steps: LifecycleStep[] = [];
    if (plan.enableDataEndpoint) {
      steps.push({
        step: `Enable the data endpoint of ${ref.registryName}`,
        audit: {
          action: 'registry.dataEndpoint',
          target: registryId(ref),
          before: { dataEndpointEnabled: false, ...partOf },
        },
        run: () => writer.setDataEndpoint(ref, true),
        landed: async () => (await reader.getRegistry(ref)).dataEndpointEnabled,
        undo: {
          step: `Disable the data endpoint of ${ref.registryName} again`,
          audit: {
            action: 'registry.dataEndpoint',
            target: registryId(ref),
            before: { dataEndpointEnabled: true, undo: true, ...partOf },
          },
          run: () => writer.setDataEndpoint(ref, false),
        },
      });
    }
    steps.push({
      step: `Create sync scope map ${name}`,
      audit: {
        action: 'scopeMap.create',
        target: mapId,
        before: { actions: ownActions, description, ...partOf },
      },
      run: () => registryWriter.createScopeMap(ref, name, { actions: ownActions, description }),
      landed: exists(() => reader.getScopeMap(ref, name)),
      undo: {
        step: `Delete sync scope map ${name}`,
        audit: { action: 'scopeMap.delete', target: mapId, before: { undo: true, ...partOf } },
        run: () => registryWriter.deleteScopeMap(ref, name),
      },
    });
    steps.push({
      step: `Create sync token ${name}`,
      audit: {
        action: 'token.create',
        target: tokenId,
        before: { scopeMap: name, status: 'enabled', ...partOf },
      },
      run: () => registryWriter.createToken(ref, name, { scopeMapName: name, status: 'enabled' }),
      landed: exists(() => reader.getToken(ref, name)),
      undo: {
        step: `Delete sync token ${name}`,
        audit: { action: 'token.delete', target: tokenId, before: { undo: true, ...partOf } },
        run: () => registryWriter.deleteToken(ref, name),
      },
    });
    // Each ancestor passes the new child's repositories down and serves its gateway.
    const childActions = [...repoActions, ...gatewayActionsFor(name)];
    for (const { cr, map } of plan.ancestors) {
      const after = applyActions(map.actions, childActions, []);
      if (sameList(after, map.actions)) continue;
      if (after.length > MAX_ACTIONS) {
        throw invalid(
          `Scope map ${map.name} (sync scope map of ${cr.name}) would hold ${after.length} actions; a scope map holds at most ${MAX_ACTIONS}.`,
          [
            {
              field: 'repositories',
              rule: 'max-500-actions',
              message: 'at most 500 actions per scope map',
            },
          ],
        );
      }
      steps.push(
        scopeMapActionsStep(this.c, ref, {
          step: `Update scope map ${map.name} (ancestor ${cr.name}): add ${name}'s gateway and repositories`,
          map,
          after,
          why: { add: childActions, ...partOf },
        }),
      );
    }
    steps.push({
      step: `Create connected registry ${name} (${body.mode}, under ${body.parent ?? 'the cloud registry'})`,
      audit: {
        action: 'connectedRegistry.create',
        target: crId,
        before: { ...settings, repositories },
      },
      run: () => writer.createConnectedRegistry(ref, name, settings),
      landed: exists(() => this.c.load(ref, name)),
      undo: {
        step: `Delete connected registry ${name}`,
        audit: {
          action: 'connectedRegistry.delete',
          target: crId,
          before: { undo: true, ...partOf },
        },
        run: () => writer.deleteConnectedRegistry(ref, name),
      },
    });

    const outcome = await runLifecycleSteps(this.c, change, steps);
    // Read back what the snapshot takes: the new resources and the changed maps.
    const [{ cr }, token, maps, registry] = await Promise.all([
      this.c.load(ref, name),
      reader.getToken(ref, name),
      Promise.all(
        [name, ...plan.ancestors.map((a) => a.map.name)].map((m) => reader.getScopeMap(ref, m)),
      ),
      plan.enableDataEndpoint ? reader.getRegistry(ref) : Promise.resolve(undefined),
    ]);
    await this.c.d.snapshot?.(ref, {
      connectedRegistries: [cr],
      tokens: [token],
      scopeMaps: maps,
      ...(registry ? { registry } : {}),
    });
    const warnings: string[] = [];
    if (plan.enableDataEndpoint) {
      warnings.push(
        `The data endpoint of ${ref.registryName} is now enabled: clients behind a firewall may need a rule for it.`,
      );
    }
    warnings.push(
      `${name} has no password yet: generate its connection string to deploy it (the password is shown once).`,
    );
    return {
      connectedRegistry: cr,
      warnings,
      steps: outcome.steps,
      auditId: outcome.auditIds[outcome.auditIds.length - 1]!,
    };
  }
}
