import {
  childId,
  validateScopeMapActions,
  type RegistryPath,
  type ScopeMapMutationResult,
  type ScopeMapView,
} from '@latchkey/domain';
import type { ScopeMapRecord } from '../../arm/mappers';
import type { RegistryReader } from '../../arm/reader';
import type { RegistryWriter } from '../../arm/writer';
import { AppError } from '../../http/errors';
import type { LockManager } from '../../storage';
import type { Actor, AuditRecorder } from '../audit/recorder';
import { ChangeDiscipline, nameTaken } from '../shared/change-discipline';
import { scopeMapRecordOf, type ApplySnapshotChange } from '../registries/snapshots';

const same = (a: string | null | undefined, b: string) =>
  !!a && a.toLowerCase() === b.toLowerCase();

/** Lower-cased and de-duplicated, keeping the person's order: what Azure stores. */
function normalize(actions: readonly string[]): string[] {
  return [...new Set(actions.map((a) => a.trim().toLowerCase()))];
}

function checkActions(actions: readonly string[]): string[] {
  const normalized = normalize(actions);
  const problems = validateScopeMapActions(normalized);
  if (problems.length > 0) {
    throw new AppError(
      'invalid_input',
      problems.length === 1
        ? `Action "${problems[0]!.action}": ${problems[0]!.message}`
        : `${problems.length} actions break the scope-map rules; the first: "${problems[0]!.action}": ${problems[0]!.message}`,
      {
        details: problems.slice(0, 50).map((p) => ({
          field: `actions.${p.index}`,
          rule: p.rule,
          message: p.message,
        })),
      },
    );
  }
  return normalized;
}

function readOnlyIfSystem(map: ScopeMapRecord): void {
  if (map.type === 'SystemDefined') {
    throw new AppError(
      'invalid_input',
      `${map.name} is a system scope map: Azure defines it and it cannot be changed or deleted. Create a scope map of your own instead.`,
      {
        details: [
          { field: 'name', rule: 'system-read-only', message: 'system scope maps are read-only' },
        ],
      },
    );
  }
}

export interface ScopeMapAdminDeps {
  reader: RegistryReader;
  writer: RegistryWriter;
  audit: AuditRecorder;
  locks: LockManager;
  actor: Actor;
  requestId: string;
  /** Gives the shared registry snapshot what a successful change read back. */
  snapshot?: ApplySnapshotChange;
}

/** Scope-map changes: validated, locked per map across BFF instances, compared, written, read back. */
export class ScopeMapAdminService {
  private readonly changes: ChangeDiscipline;

  constructor(private readonly d: ScopeMapAdminDeps) {
    this.changes = new ChangeDiscipline(d.locks, d.audit, [d.writer]);
  }

  private async users(ref: RegistryPath, name: string): Promise<string[]> {
    const tokens = await this.d.reader.listTokens(ref);
    return tokens
      .filter((t) => same(t.scopeMapName, name))
      .map((t) => t.name)
      .sort();
  }

  private async view(ref: RegistryPath, map: ScopeMapRecord): Promise<ScopeMapView> {
    return { ...map, usedBy: await this.users(ref, map.name) };
  }

  async create(
    ref: RegistryPath,
    body: { name: string; description?: string | undefined; actions: string[] },
  ): Promise<ScopeMapMutationResult> {
    const actions = checkActions(body.actions);
    return this.changes.run([childId(ref, 'scopeMaps', body.name)], async (change) => {
      const existing = await this.d.reader.getScopeMap(ref, body.name).then(
        (map) => map,
        (e: unknown) =>
          e instanceof AppError && e.code === 'not_found' ? undefined : Promise.reject(e),
      );
      if (existing) {
        throw nameTaken(
          `A scope map named ${existing.name} already exists in ${ref.registryName}.`,
          'name',
          await this.view(ref, existing),
        );
      }
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: 'scopeMap.create',
          target: childId(ref, 'scopeMaps', body.name),
          before: { actions, description: body.description ?? null },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.createScopeMap(ref, body.name, {
            actions,
            ...(body.description ? { description: body.description } : {}),
          });
          const map = await this.view(ref, await this.d.reader.getScopeMap(ref, body.name));
          return { result: map, after: { actions: map.actions, version: map.version } };
        },
      );
      await this.d.snapshot?.(ref, { scopeMaps: [scopeMapRecordOf(result)] });
      return {
        scopeMap: result,
        diff: { added: actions, removed: [] },
        auditId,
        ...(notice ? { notice } : {}),
      };
    });
  }

  async update(
    ref: RegistryPath,
    name: string,
    body: { description?: string | undefined; actions: string[]; expectedVersion: string },
  ): Promise<ScopeMapMutationResult> {
    const actions = checkActions(body.actions);
    // One editor at a time per map, across BFF instances; inside, compare with
    // what is in Azure now, so a save over someone else's change is refused.
    return this.changes.run([childId(ref, 'scopeMaps', name)], async (change) => {
      const current = await this.d.reader.getScopeMap(ref, name);
      readOnlyIfSystem(current);
      if (current.version !== body.expectedVersion) {
        const view = await this.view(ref, current);
        throw new AppError(
          'conflict',
          `Scope map ${current.name} was changed by someone else since you loaded it. Review their version and apply your change again.`,
          {
            details: [
              {
                field: 'expectedVersion',
                rule: 'current-version',
                message: 'the scope map changed since it was loaded',
              },
            ],
            current: view,
          },
        );
      }
      const before = new Set(current.actions.map((a) => a.toLowerCase()));
      const after = new Set(actions);
      const diff = {
        added: actions.filter((a) => !before.has(a)),
        removed: current.actions.filter((a) => !after.has(a.toLowerCase())),
      };
      const { result, auditId, notice } = await change.record(
        {
          actor: this.d.actor,
          action: 'scopeMap.update',
          target: current.id,
          before: {
            version: current.version,
            actions: current.actions,
            description: current.description ?? null,
            // What the save asks for, so a change cut off by a crash can be reconciled.
            intended: {
              actions,
              ...(body.description !== undefined ? { description: body.description } : {}),
            },
          },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.updateScopeMap(ref, current.name, {
            actions,
            ...(body.description !== undefined ? { description: body.description } : {}),
          });
          const map = await this.view(ref, await this.d.reader.getScopeMap(ref, current.name));
          return {
            result: map,
            after: { version: map.version, added: diff.added, removed: diff.removed },
          };
        },
      );
      await this.d.snapshot?.(ref, { scopeMaps: [scopeMapRecordOf(result)] });
      return { scopeMap: result, diff, auditId, ...(notice ? { notice } : {}) };
    });
  }

  async delete(ref: RegistryPath, name: string): Promise<{ auditId: string }> {
    return this.changes.run([childId(ref, 'scopeMaps', name)], async (change) => {
      const current = await this.d.reader.getScopeMap(ref, name);
      readOnlyIfSystem(current);
      const users = await this.users(ref, current.name);
      if (users.length > 0) {
        throw new AppError(
          'conflict',
          `Scope map ${current.name} is used by ${users.length === 1 ? 'token' : 'tokens'} ${users.join(', ')}. Give ${users.length === 1 ? 'it' : 'them'} another scope map first: a token whose scope map is gone can reach nothing.`,
        );
      }
      const { auditId } = await change.record(
        {
          actor: this.d.actor,
          action: 'scopeMap.delete',
          target: current.id,
          before: {
            version: current.version,
            actions: current.actions,
            description: current.description ?? null,
          },
          requestId: this.d.requestId,
        },
        () => this.d.writer.armRequestIds,
        async () => {
          await this.d.writer.deleteScopeMap(ref, current.name);
          return { result: undefined, after: { deleted: true } };
        },
      );
      await this.d.snapshot?.(ref, { deleted: { scopeMaps: [current.name] } });
      return { auditId };
    });
  }
}
