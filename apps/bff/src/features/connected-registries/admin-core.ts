import { childId, type ConnectedRegistryView, type RegistryPath } from '@latchkey/domain';
import type { ConnectedRegistryWriter } from '../../arm/connected-registry-writer';
import type { ScopeMapRecord } from '../../arm/mappers';
import type { RegistryWriter } from '../../arm/writer';
import { AppError } from '../../http/errors';
import { ChangeDiscipline, type LockedChange } from '../shared/change-discipline';
import { auditSlots, type AdminChangeDeps } from '../shared/admin-deps';
import { DEFAULT_PASSWORD_DAYS } from '../tokens/service';
import { invalid, lower } from './synced-repositories';

const DAY = 24 * 3600_000;

/** What the audit log keeps of a token's passwords: names and dates, never a value. */
export const slots = auditSlots;

export interface ConnectedRegistryAdminDeps extends AdminChangeDeps {
  writer: ConnectedRegistryWriter;
  /** For the sync token's password (one implementation of generateCredentials). */
  registryWriter: RegistryWriter;
}

/**
 * What every connected-registry admin operation shares: its dependencies, the
 * change discipline (locks, audit, fenced writers) and the reads and checks
 * each operation starts with.
 */
export class ConnectedRegistryAdminCore {
  readonly changes: ChangeDiscipline;

  constructor(readonly d: ConnectedRegistryAdminDeps) {
    this.changes = new ChangeDiscipline(d.locks, d.audit, [d.writer, d.registryWriter]);
  }

  /**
   * Runs a change whose locks come from a first look at Azure: inside the
   * locks everything is read again (`plan(true)`), and the change is refused
   * as a conflict when it would now need a lock it does not hold.
   * `changed` names what moved ("<changed> changed while …").
   */
  async runPlanned<P, R>(o: {
    plan: (inLock: boolean) => Promise<P>;
    lockedIds: (plan: P) => string[];
    changed: (plan: P) => string;
    run: (plan: P, change: LockedChange) => Promise<R>;
  }): Promise<R> {
    const locked = o.lockedIds(await o.plan(false));
    return this.changes.run(locked, async (change) => {
      const plan = await o.plan(true);
      const held = new Set(locked.map(lower));
      if (o.lockedIds(plan).some((id) => !held.has(lower(id)))) {
        throw new AppError(
          'conflict',
          `${o.changed(plan)} changed while this change was prepared. Reload and try again.`,
        );
      }
      return o.run(plan, change);
    });
  }

  crId(ref: RegistryPath, name: string): string {
    return childId(ref, 'connectedRegistries', name);
  }

  /** Both writers' request ids: one audit record covers every ARM call of the action. */
  readonly armRequestIds = () => [
    ...this.d.writer.armRequestIds,
    ...this.d.registryWriter.armRequestIds,
  ];

  /** The connected registry and all its siblings: one list call gives the whole hierarchy. */
  async load(
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

  confirm(cr: ConnectedRegistryView, typed: string, consequence: string): void {
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

  expiryFrom(value: string | undefined): Date | undefined {
    if (value === 'never') return undefined;
    const at = value ? new Date(value) : new Date(this.d.now() + DEFAULT_PASSWORD_DAYS * DAY);
    if (at.getTime() <= this.d.now()) {
      throw invalid('The expiry must be in the future.', [
        { field: 'expiry', rule: 'future', message: 'must be a date-time after now' },
      ]);
    }
    return at;
  }

  /**
   * The sync scope map of `cr` (through its sync token), which changes to the
   * hierarchy write; refused when there is none or it is a system map.
   * `consequence` ends the message ("…, so <consequence>.").
   */
  async syncScopeMapOf(
    ref: RegistryPath,
    cr: ConnectedRegistryView,
    consequence: string,
  ): Promise<ScopeMapRecord> {
    if (!cr.syncTokenName) {
      throw new AppError(
        'conflict',
        `Connected registry ${cr.name} has no sync token, so ${consequence}.`,
      );
    }
    const token = await this.d.reader.getToken(ref, cr.syncTokenName);
    if (!token.scopeMapName) {
      throw new AppError(
        'conflict',
        `The sync token ${token.name} of ${cr.name} has no scope map, so ${consequence}.`,
      );
    }
    const map = await this.d.reader.getScopeMap(ref, token.scopeMapName);
    if (map.type === 'SystemDefined') {
      throw new AppError(
        'conflict',
        `The sync token ${token.name} of ${cr.name} uses the system scope map ${map.name}, which is read-only, so ${consequence}.`,
      );
    }
    return map;
  }
}
