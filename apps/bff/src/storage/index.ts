export {
  createStorage,
  type CreateStorageOptions,
  type Storage,
  type StorageConfig,
} from './create-storage';
export type { Db, DriverKind, QueryResult, Queryable } from './db';
export {
  migrate,
  migrations,
  SchemaTooNewError,
  type Migration,
  type MigrationResult,
} from './migrations';
export { systemClock, type Clock } from './clock';
export type { JsonValue } from './canonical-json';
export {
  createSessionStore,
  hashSessionId,
  sessionDataSchema,
  DEFAULT_ABSOLUTE_TIMEOUT_MS,
  DEFAULT_IDLE_TIMEOUT_MS,
  type SessionData,
  type SessionRecord,
  type SessionStore,
  type SessionStoreOptions,
} from './sessions';
export {
  createTokenCache,
  TokenCacheDecryptError,
  type TokenCache,
  type TokenCacheDecryptReason,
  type TokenCacheKey,
  type TokenCacheOptions,
} from './token-cache';
export {
  createAuditLog,
  hashAuditRecord,
  AuditIntentNotFoundError,
  AuditOutcomeConflictError,
  InvalidAuditCursorError,
  SecretInAuditRecordError,
  OBSERVED_ACTOR,
  type AuditIntentInput,
  type AuditObservedInput,
  type AuditFacets,
  type AuditListFilter,
  type AuditLog,
  type AuditLogOptions,
  type AuditOutcome,
  type AuditOutcomeInput,
  type AuditPage,
  type AuditRecord,
  type AuditRecordKind,
  type ChainVerification,
} from './audit';
export {
  createLockManager,
  LockLostError,
  LockTimeoutError,
  type Fence,
  type LockManager,
  type LockOptions,
} from './locks';
export {
  createSnapshotStore,
  SNAPSHOT_CHANNEL,
  type SnapshotStore,
  type SnapshotStoreOptions,
  type SnapshotStoreStats,
  type StoredSnapshot,
} from './snapshots';
export type { Listen, ListenHandlers, Listener, ListenOptions } from './listen';
export { toJsonValue } from './canonical-json';
export {
  createCredentialBudget,
  type BudgetDecision,
  type CredentialBudget,
  type CredentialBudgetLimits,
} from './credential-budget';
export { isStorageUnavailable } from './unavailable';
export { DataDirError, prepareDataDir } from './data-dir';
