import {
  childId,
  parseAction,
  type ConnectedRegistryMutationResult,
  type ConnectedRegistryView,
  type ConnectionStringResult,
  type PasswordSlotName,
  type RegistryPath,
  type StepReport,
} from '@latchkey/domain';
import type { ConnectedRegistryWriter } from '../../arm/connected-registry-writer';
import type { TokenRecord } from '../../arm/mappers';
import type { RegistryReader } from '../../arm/reader';
import type { RegistryWriter } from '../../arm/writer';
import { AppError, asAppError, withSteps } from '../../http/errors';
import type { LockManager } from '../../storage';
import type { Actor, AuditRecorder } from '../audit/recorder';
import { ChangeDiscipline, type LockedChange } from '../shared/change-discipline';
import type { ApplySnapshotChange } from '../registries/snapshots';
import {
  applyActions,
  firstOverlap,
  invalid,
  lower,
  sameList,
  stepName,
  syncPlan,
  syncedRepositoryRequest,
  type MapChange,
} from './synced-repositories';
import { DEFAULT_PASSWORD_DAYS } from '../tokens/service';

const DAY = 24 * 3600_000;
const PROPAGATION_SECONDS = 60;
/** Reference §3 limits. */
const MAX_CLIENT_TOKENS = 20;
const MAX_ACTIONS = 500;
/** What the CLI writes when Azure does not know the parent's endpoint (an on-premises parent). */
const UNKNOWN_PARENT_ENDPOINT = '<parent gateway endpoint>';

const WRITE_PERMISSIONS = new Set(['content/write', 'content/delete', 'metadata/write']);

/** What the audit log keeps of a token's passwords: names and dates, never a value. */
function slots(t: TokenRecord) {
  return t.passwords.map((p) => ({
    name: p.name,
    present: p.present,
    ...(p.creationTime ? { creationTime: p.creationTime } : {}),
    expiry: p.present ? (p.expiry ?? 'never') : null,
  }));
}

export interface ConnectedRegistryAdminDeps {
  reader: RegistryReader;
  writer: ConnectedRegistryWriter;
  /** For the sync token's password (one implementation of generateCredentials). */
  registryWriter: RegistryWriter;
  audit: AuditRecorder;
  locks: LockManager;
  actor: Actor;
  requestId: string;
  now: () => number;
  /** Draws on the person's credential budget; called just before a credential is minted at Azure. */
  spendCredential: () => Promise<void>;
  /** Gives the shared registry snapshot what a successful change read back. */
  snapshot?: ApplySnapshotChange;
}

/**
 * Admin operations on connected registries: each under the locks of what it
 * reads and writes (change-discipline.ts), validated against the current
 * state, applied as a delta onto it, audited, read back.
 */
export class ConnectedRegistryAdminService {
  private readonly changes: ChangeDiscipline;

  constructor(private readonly d: ConnectedRegistryAdminDeps) {
    this.changes = new ChangeDiscipline(d.locks, d.audit, [d.writer, d.registryWriter]);
  }

  private crId(ref: RegistryPath, name: string): string {
    return childId(ref, 'connectedRegistries', name);
  }

  /** Both writers' request ids: one audit record covers every ARM call of the action. */
  private armRequestIds = () => [
    ...this.d.writer.armRequestIds,
    ...this.d.registryWriter.armRequestIds,
  ];

  /** The connected registry and all its siblings: one list call gives the whole hierarchy. */
  private async load(
    ref: RegistryPath,
    name: string,
  ): Promise<{ cr: ConnectedRegistryView; all: ConnectedRegistryView[] }> {
    const all = await this.d.reader.listConnectedRegistries(ref);
    const cr = all.find((c) => lower(c.name) === lower(name));
    if (!cr) {
      throw new AppError(
        'not_found',
        `Connected registry ${name} was not found in ${ref.registryName}.`,
      );
    }
    return { cr, all };
  }

  private confirm(cr: ConnectedRegistryView, typed: string, consequence: string): void {
    if (typed !== cr.name) {
      throw invalid(`${consequence} Type ${cr.name} to confirm.`, [
        {
          field: 'confirmConnectedRegistryName',
          rule: 'matches-connected-registry',
          message: `must be "${cr.name}"`,
        },
      ]);
    }
  }

  private expiryFrom(value: string | undefined): Date | undefined {
    if (value === 'never') return undefined;
    const at = value ? new Date(value) : new Date(this.d.now() + DEFAULT_PASSWORD_DAYS * DAY);
    if (at.getTime() <= this.d.now()) {
      throw invalid('The expiry must be in the future.', [
        { field: 'expiry', rule: 'future', message: 'must be a date-time after now' },
      ]);
    }
    return at;
  }

  async updateClientTokens(
    ref: RegistryPath,
    name: string,
    body: { add: string[]; remove: string[] },
  ): Promise<ConnectedRegistryMutationResult> {
    if (body.add.length === 0 && body.remove.length === 0) {
      throw invalid('Name at least one token to attach or detach.', [
        { field: 'add', rule: 'not-empty', message: 'add or remove at least one token' },
      ]);
    }
    const both = firstOverlap(body.add, body.remove);
    if (both >= 0) {
      throw invalid(`${body.remove[both]} is both attached and detached: choose one.`, [
        {
          field: `remove.${both}`,
          rule: 'not-in-both',
          message: 'a token cannot be in both add and remove',
        },
      ]);
    }
    // Attach and detach are a delta (add these, remove those) applied to the
    // list as it is inside the lock, so concurrent changes of different tokens
    // all land; no version is compared.
    const locked = [this.crId(ref, name), ...body.add.map((t) => childId(ref, 'tokens', t))];
    return this.changes.run(locked, (change) =>
      this.updateClientTokensLocked(ref, name, body, change),
    );
  }

  private async updateClientTokensLocked(
    ref: RegistryPath,
    name: string,
    body: { add: string[]; remove: string[] },
    change: LockedChange,
  ): Promise<ConnectedRegistryMutationResult> {
    const [{ cr }, tokens] = await Promise.all([
      this.load(ref, name),
      this.d.reader.listTokens(ref),
    ]);
    const byName = new Map(tokens.map((t) => [lower(t.name), t]));
    const added = body.add.map((n, i) => {
      const token = byName.get(lower(n));
      if (!token) {
        throw invalid(`Token ${n} does not exist in ${ref.registryName}.`, [
          { field: `add.${i}`, rule: 'exists', message: 'no such token' },
        ]);
      }
      if (cr.syncTokenName && lower(token.name) === lower(cr.syncTokenName)) {
        throw invalid(
          `${token.name} is the sync token of ${cr.name}; it cannot also be one of its client tokens.`,
          [
            {
              field: `add.${i}`,
              rule: 'not-sync-token',
              message: 'the connected registry’s own sync token cannot be a client token',
            },
          ],
        );
      }
      return token;
    });
    const current = cr.clientTokenNames;
    const next = applyActions(
      current,
      added.map((t) => t.name),
      body.remove,
    );
    if (next.length > MAX_CLIENT_TOKENS) {
      throw invalid(
        `A connected registry accepts at most ${MAX_CLIENT_TOKENS} client tokens; ${cr.name} would have ${next.length}.`,
        [
          {
            field: 'add',
            rule: 'max-20-client-tokens',
            message: `at most ${MAX_CLIENT_TOKENS} client tokens per connected registry`,
          },
        ],
      );
    }

    const warnings: string[] = [];
    const attached = new Set(current.map(lower));
    for (const n of body.remove) {
      if (!attached.has(lower(n)))
        warnings.push(`${n} was not a client token of ${cr.name}; nothing to detach.`);
    }
    const newcomers = added.filter((t) => !attached.has(lower(t.name)));
    for (const t of newcomers) {
      if (t.status === 'disabled')
        warnings.push(`${t.name} is disabled: clients cannot use it until it is enabled.`);
    }
    if (cr.mode === 'ReadOnly') {
      // Scope maps of the newly attached tokens only: the warning is about this change.
      const maps = await Promise.all(
        newcomers.map(async (t) =>
          t.scopeMapName
            ? { token: t.name, map: await this.d.reader.getScopeMap(ref, t.scopeMapName) }
            : undefined,
        ),
      );
      for (const m of maps) {
        if (!m) continue;
        const writes = m.map.actions.filter((a) => {
          const r = parseAction(a);
          return r.ok && r.rule.kind === 'repository' && WRITE_PERMISSIONS.has(r.rule.permission);
        });
        if (writes.length > 0) {
          warnings.push(
            `${m.token} has write or delete repository permissions (${writes.join(', ')}), but ${cr.name} is ReadOnly: it serves pulls only, so those permissions have no effect there.`,
          );
        }
      }
    }

    const changed = !sameList(current, next);
    const step = [
      newcomers.length ? `attach ${newcomers.map((t) => t.name).join(', ')}` : '',
      body.remove.length ? `detach ${body.remove.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    const { result, auditId, notice } = await change.record(
      {
        actor: this.d.actor,
        action: 'connectedRegistry.clientTokens',
        target: cr.id,
        before: { clientTokens: current, add: body.add, remove: body.remove, intended: next },
        requestId: this.d.requestId,
      },
      this.armRequestIds,
      async () => {
        // Like the CLI, the list is sent only when it changed.
        if (changed) await this.d.writer.setClientTokens(ref, cr.name, next);
        const view = (await this.load(ref, cr.name)).cr;
        return { result: view, after: { clientTokens: view.clientTokenNames } };
      },
    );
    await this.d.snapshot?.(ref, { connectedRegistries: [result] });
    return {
      connectedRegistry: result,
      warnings,
      steps: [
        changed
          ? { step: `Client tokens of ${cr.name}: ${step}`, outcome: 'done' }
          : {
              step: `Client tokens of ${cr.name}: ${step || 'no change'}`,
              outcome: 'skipped',
              detail: 'the client tokens were already as requested',
            },
      ],
      auditId,
      ...(notice ? { notice } : {}),
    };
  }

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
    // The maps to lock come from a first look; inside the locks everything is
    // read again and the change applied as a delta onto the maps as they are.
    const first = await this.syncMaps(ref, name, request);
    const locked = [this.crId(ref, name), ...first.current.map((m) => m.id)];
    return this.changes.run(locked, async (change) => {
      const now = await this.syncMaps(ref, name, request);
      const held = new Set(locked.map(lower));
      if (now.current.some((m) => !held.has(lower(m.id)))) {
        throw new AppError(
          'conflict',
          `The sync scope maps of ${now.cr.name} or its hierarchy changed while this change was prepared. Reload and try again.`,
        );
      }
      return this.updateSyncedRepositoriesLocked(ref, request, now, change);
    });
  }

  /** The connected registry, its plan and the current sync scope map of each planned registry. */
  private async syncMaps(
    ref: RegistryPath,
    name: string,
    { add, remove }: { add: string[]; remove: string[] },
  ) {
    const { cr, all } = await this.load(ref, name);
    const plan = syncPlan(cr, all, add, remove);
    const current = await Promise.all(
      plan.map(async (p) => {
        if (!p.cr.syncTokenName) {
          throw new AppError(
            'conflict',
            `Connected registry ${p.cr.name} has no sync token, so its synced repositories cannot be changed.`,
          );
        }
        const token = await this.d.reader.getToken(ref, p.cr.syncTokenName);
        if (!token.scopeMapName) {
          throw new AppError(
            'conflict',
            `The sync token ${token.name} of ${p.cr.name} has no scope map, so its synced repositories cannot be changed.`,
          );
        }
        const map = await this.d.reader.getScopeMap(ref, token.scopeMapName);
        if (map.type === 'SystemDefined') {
          throw new AppError(
            'conflict',
            `The sync token ${token.name} of ${p.cr.name} uses the system scope map ${map.name}, which cannot be changed.`,
          );
        }
        return map;
      }),
    );
    return { cr, plan, current };
  }

  private async updateSyncedRepositoriesLocked(
    ref: RegistryPath,
    { add, remove }: { add: string[]; remove: string[] },
    { cr, plan, current }: Awaited<ReturnType<ConnectedRegistryAdminService['syncMaps']>>,
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
        actor: this.d.actor,
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
        requestId: this.d.requestId,
      },
      this.armRequestIds,
      async () => {
        const done: MapChange[] = [];
        let failed: MapChange | undefined;
        try {
          for (const c of writes) {
            failed = c;
            await this.d.writer.setScopeMapActions(ref, c.scopeMap, c.after);
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
          writes.map((c) => this.d.reader.getScopeMap(ref, c.scopeMap)),
        );
        const readBack = writes.map((c, i) => ({
          connectedRegistry: c.connectedRegistry,
          scopeMap: c.scopeMap,
          actions: maps[i]!.actions,
        }));
        const view = (await this.load(ref, cr.name)).cr;
        return { result: { view, maps }, after: { maps: readBack } };
      },
    );
    await this.d.snapshot?.(ref, { connectedRegistries: [result.view], scopeMaps: result.maps });
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
      await this.d.writer.setScopeMapActions(ref, c.scopeMap, c.before).then(
        () => steps.push({ step, outcome: 'undone' }),
        () =>
          steps.push({
            step,
            outcome: 'failed',
            detail: `restore its ${c.before.length} previous actions by hand (they are in the audit record)`,
          }),
      );
    };
    const now = await this.d.reader.getScopeMap(ref, failed.scopeMap).then(
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

  async connectionString(
    ref: RegistryPath,
    name: string,
    body: {
      slot: PasswordSlotName;
      expiry?: string | undefined;
      parentProtocol: 'https' | 'http';
      confirmConnectedRegistryName: string;
    },
  ): Promise<ConnectionStringResult> {
    const expiry = this.expiryFrom(body.expiry);
    return this.changes.run([this.crId(ref, name)], (change) =>
      this.connectionStringLocked(ref, name, body, expiry, change),
    );
  }

  private async connectionStringLocked(
    ref: RegistryPath,
    name: string,
    body: Parameters<ConnectedRegistryAdminService['connectionString']>[2],
    expiry: Date | undefined,
    change: LockedChange,
  ): Promise<ConnectionStringResult> {
    const { cr } = await this.load(ref, name);
    this.confirm(
      cr,
      body.confirmConnectedRegistryName,
      `Generating the connection string of ${cr.name} replaces ${body.slot} of its sync token: a connected registry still using that password stops syncing.`,
    );
    const syncTokenName = cr.syncTokenName;
    if (!syncTokenName) {
      throw new AppError(
        'conflict',
        `Connected registry ${cr.name} has no sync token, so it has no connection string.`,
      );
    }
    const warnings: string[] = [
      `${body.slot} of sync token ${syncTokenName} was replaced: a connected registry still using the old password stops syncing until it gets this connection string. The new password takes about a minute to reach the registry.`,
    ];
    // The cloud registry is reached over https only (as the CLI does: it overrides and warns).
    const protocol = cr.parentName === null ? 'https' : body.parentProtocol;
    if (cr.parentName === null && body.parentProtocol === 'http') {
      warnings.push(
        `${cr.name} syncs with the cloud registry, which is reached over https only: the protocol was set to https.`,
      );
    }
    const endpoint = cr.gatewayEndpoint || UNKNOWN_PARENT_ENDPOINT;
    if (!cr.gatewayEndpoint) {
      warnings.push(
        `Azure does not know the endpoint of ${cr.parentName ?? 'the parent'} (an on-premises parent): replace ${UNKNOWN_PARENT_ENDPOINT} with the address ${cr.name} reaches its parent at.`,
      );
    }
    const before = await this.d.reader.getToken(ref, syncTokenName);
    await this.d.spendCredential();
    const { result, auditId, notice } = await change.record(
      {
        actor: this.d.actor,
        action: 'connectedRegistry.connectionString',
        target: cr.id,
        // The slot and expiry only: the password and the string carrying it are never recorded.
        before: {
          syncToken: before.name,
          passwords: slots(before),
          slot: body.slot,
          expiry: expiry?.toISOString() ?? 'never',
          parentProtocol: protocol,
        },
        requestId: this.d.requestId,
      },
      this.armRequestIds,
      async () => {
        const generated = await this.d.registryWriter
          .generatePassword(ref, syncTokenName, body.slot, expiry)
          .catch((error: unknown) => {
            const failed = asAppError(error);
            throw withSteps(failed, [
              {
                step: `Generate ${body.slot} of sync token ${syncTokenName}`,
                outcome: 'failed',
                detail: failed.message,
              },
            ]);
          });
        const token = await this.d.reader.getToken(ref, syncTokenName);
        const view = (await this.load(ref, cr.name)).cr;
        return {
          result: { view, generated, token },
          after: { syncToken: token.name, passwords: slots(token) },
        };
      },
    );
    const { view, generated } = result;
    await this.d.snapshot?.(ref, { connectedRegistries: [view], tokens: [result.token] });
    return {
      connectedRegistry: view,
      warnings,
      steps: [{ step: `Generate ${body.slot} of sync token ${syncTokenName}`, outcome: 'done' }],
      auditId,
      ...(notice ? { notice } : {}),
      connectionString:
        `ConnectedRegistryName=${cr.name};SyncTokenName=${syncTokenName};` +
        `SyncTokenPassword=${generated.password.value};` +
        `ParentGatewayEndpoint=${endpoint};ParentEndpointProtocol=${protocol}`,
      credentials: {
        username: generated.username,
        passwords: [generated.password],
        // A sync token is for the connected registry, not for `docker login`.
        dockerLogin: [],
        propagationSeconds: PROPAGATION_SECONDS,
      },
    };
  }

  async deactivate(
    ref: RegistryPath,
    name: string,
    body: { confirmConnectedRegistryName: string },
  ): Promise<ConnectedRegistryMutationResult> {
    return this.changes.run([this.crId(ref, name)], async (change) => {
      const { cr } = await this.load(ref, name);
      this.confirm(
        cr,
        body.confirmConnectedRegistryName,
        `Deactivating ${cr.name} marks it as not deployed, so it can be deployed again elsewhere.`,
      );
      const warnings =
        cr.activation === 'Inactive' ? [`${cr.name} was already inactive.`] : ([] as string[]);
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: 'connectedRegistry.deactivate',
          target: cr.id,
          before: { activation: cr.activation, connectionState: cr.connectionState },
          requestId: this.d.requestId,
        },
        this.armRequestIds,
        async () => {
          await this.d.writer.deactivate(ref, cr.name);
          const view = (await this.load(ref, cr.name)).cr;
          return {
            result: view,
            after: { activation: view.activation, connectionState: view.connectionState },
          };
        },
      );
      await this.d.snapshot?.(ref, { connectedRegistries: [result] });
      return {
        connectedRegistry: result,
        warnings,
        steps: [{ step: `Deactivate ${cr.name}`, outcome: 'done' as const }],
        auditId,
        ...(notice ? { notice } : {}),
      };
    });
  }
}
