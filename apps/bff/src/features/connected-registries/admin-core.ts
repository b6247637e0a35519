import { childId, type ConnectedRegistryView, type RegistryPath } from '@latchkey/domain';
import type { ConnectedRegistryWriter } from '../../arm/connected-registry-writer';
import type { ScopeMapRecord } from '../../arm/mappers';
import type { RegistryWriter } from '../../arm/writer';
import { AppError } from '../../http/errors';
import { ChangeDiscipline } from '../shared/change-discipline';
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
