/**
 * Attaching and detaching client tokens, as `az acr connected-registry update
 * --add-client-tokens/--remove-client-tokens`: a delta applied inside the lock.
 */
import {
  childId,
  parseAction,
  type ConnectedRegistryMutationResult,
  type RegistryPath,
} from '@latchkey/domain';
import type { LockedChange } from '../shared/change-discipline';
import type { ConnectedRegistryAdminCore } from './admin-core';
import { applyActions, firstOverlap, invalid, lower, sameList } from './synced-repositories';

/** Reference §3 limits. */
const MAX_CLIENT_TOKENS = 20;
const WRITE_PERMISSIONS = new Set(['content/write', 'content/delete', 'metadata/write']);

export class ClientTokenChanges {
  constructor(private readonly c: ConnectedRegistryAdminCore) {}

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
    const locked = [this.c.crId(ref, name), ...body.add.map((t) => childId(ref, 'tokens', t))];
    return this.c.changes.run(locked, (change) =>
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
      this.c.load(ref, name),
      this.c.d.reader.listTokens(ref),
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
            ? { token: t.name, map: await this.c.d.reader.getScopeMap(ref, t.scopeMapName) }
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
        actor: this.c.d.actor,
        action: 'connectedRegistry.clientTokens',
        target: cr.id,
        before: { clientTokens: current, add: body.add, remove: body.remove, intended: next },
        requestId: this.c.d.requestId,
      },
      this.c.armRequestIds,
      async () => {
        // Like the CLI, the list is sent only when it changed.
        if (changed) await this.c.d.writer.setClientTokens(ref, cr.name, next);
        const view = (await this.c.load(ref, cr.name)).cr;
        return { result: view, after: { clientTokens: view.clientTokenNames } };
      },
    );
    await this.c.d.snapshot?.(ref, { connectedRegistries: [result] });
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
}
