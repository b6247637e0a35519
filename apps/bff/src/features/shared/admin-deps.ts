import type { TokenRecord } from '../../arm/mappers';
import type { RegistryReader } from '../../arm/reader';
import type { LockManager } from '../../storage';
import type { Actor, AuditRecorder } from '../audit/recorder';
import type { ApplySnapshotChange } from '../registries/snapshots';

/** What every admin service needs to make one change as one person (its writers are its own). */
export interface AdminChangeDeps {
  reader: RegistryReader;
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

/** What the audit log keeps of a token's passwords: names and dates, never a value. */
export function auditSlots(t: TokenRecord) {
  return t.passwords.map((p) => ({
    name: p.name,
    present: p.present,
    ...(p.creationTime ? { creationTime: p.creationTime } : {}),
    expiry: p.present ? (p.expiry ?? 'never') : null,
  }));
}
