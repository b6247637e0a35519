import { LOCK_NAMESPACE } from './advisory-keys';
import type { Db } from './db';

export interface Migration {
  version: number;
  name: string;
  /** One statement per entry: the extended query protocol allows no more. */
  statements: readonly string[];
}

/** The previous hash of the first audit record. */
export const GENESIS_HASH = '0'.repeat(64);

/** Append-only: never edit a released migration, add a new one. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions',
    statements: [
      `CREATE TABLE sessions (
        -- Hex SHA-256 of the session id: the raw id lives only in the cookie,
        -- so a leaked table cannot be replayed as cookies.
        id_hash text PRIMARY KEY,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        -- The earlier of the idle and absolute deadlines.
        expires_at timestamptz NOT NULL,
        absolute_expires_at timestamptz NOT NULL
      )`,
      `CREATE INDEX sessions_expires_at ON sessions (expires_at)`,
    ],
  },
  {
    version: 2,
    name: 'token cache',
    statements: [
      `CREATE TABLE token_cache (
        partition_key text PRIMARY KEY,
        key_id text NOT NULL,
        iv bytea NOT NULL,
        auth_tag bytea NOT NULL,
        ciphertext bytea NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 3,
    name: 'audit log',
    statements: [
      `CREATE TABLE audit_log (
        seq bigint PRIMARY KEY,
        id text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('intent', 'outcome')),
        recorded_at timestamptz NOT NULL,
        actor text NOT NULL,
        action text NOT NULL,
        target text NOT NULL,
        request_id text NOT NULL,
        intent_id text REFERENCES audit_log (id),
        outcome text CHECK (outcome IN ('succeeded', 'failed', 'unknown')),
        before jsonb,
        after jsonb,
        arm_request_ids jsonb,
        error jsonb,
        prev_hash text NOT NULL,
        hash text NOT NULL,
        CHECK ((kind = 'intent') = (intent_id IS NULL)),
        CHECK ((kind = 'intent') = (outcome IS NULL))
      )`,
      `CREATE INDEX audit_log_intent_id ON audit_log (intent_id)`,
      `CREATE INDEX audit_log_actor ON audit_log (actor, seq)`,
      `CREATE INDEX audit_log_action ON audit_log (action, seq)`,
      `CREATE INDEX audit_log_target ON audit_log (target, seq)`,
      `CREATE INDEX audit_log_recorded_at ON audit_log (recorded_at)`,
      // One row whose lock serialises appends across connections and BFF
      // instances, and whose values let verification notice a cut-off tail.
      `CREATE TABLE audit_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        last_seq bigint NOT NULL,
        last_hash text NOT NULL
      )`,
      `INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, '${GENESIS_HASH}')`,
      // Defence in depth: the application never updates or deletes audit
      // rows, so the database refuses it too. The hash chain still catches
      // anyone who can drop the trigger.
      `CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END
      $$`,
      `CREATE TRIGGER audit_log_append_only_rows BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`,
      `CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`,
    ],
  },
  {
    version: 4,
    name: 'credential budget and unresolved outcomes',
    statements: [
      // One row per credential generated (token password or connection string):
      // every BFF instance on the database draws on the same per-person budget.
      `CREATE TABLE credential_budget (
        user_key text NOT NULL,
        spent_at timestamptz NOT NULL
      )`,
      `CREATE INDEX credential_budget_user ON credential_budget (user_key, spent_at)`,
      // "Outcome unknown" records are rare; reads look for unreconciled ones on
      // every registry overview, so they must not scan the whole log.
      `CREATE INDEX audit_log_unknown_outcome ON audit_log (intent_id) WHERE outcome = 'unknown'`,
    ],
  },
  {
    version: 5,
    name: 'change leases',
    statements: [
      // A lease per locked resource, renewed while its change runs: it outlives
      // the advisory lock when the database restarts mid-change, so another
      // instance waits for the change still in flight (locks.ts).
      `CREATE TABLE change_leases (
        key text PRIMARY KEY,
        holder text NOT NULL,
        renewed_at timestamptz NOT NULL
      )`,
    ],
  },
  {
    version: 6,
    name: 'registry snapshots and changes observed in Azure',
    statements: [
      // One row per registry, shared by everyone allowed to read it: the ARM
      // lists (no secret: list responses carry no password value) and when
      // they were read. `version` moves on every write, so a refresh that read
      // before a console change landed cannot overwrite it.
      `CREATE TABLE registry_snapshots (
        registry_id text PRIMARY KEY,
        version bigint NOT NULL,
        read_at timestamptz NOT NULL,
        changed_at timestamptz NOT NULL,
        data jsonb NOT NULL
      )`,
      // A third kind of audit record: a change a refresh found in Azure that
      // the console did not make. It stands alone (no intent, no outcome).
      // The checks of migration 3 were unnamed: drop whichever names they got.
      `DO $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT conname FROM pg_constraint
                  WHERE conrelid = 'audit_log'::regclass AND contype = 'c' LOOP
          EXECUTE format('ALTER TABLE audit_log DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END
      $$`,
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_kind_known
        CHECK (kind IN ('intent', 'outcome', 'observed'))`,
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_known
        CHECK (outcome IN ('succeeded', 'failed', 'unknown'))`,
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_has_intent
        CHECK ((kind = 'outcome') = (intent_id IS NOT NULL))`,
      `ALTER TABLE audit_log ADD CONSTRAINT audit_log_outcome_has_value
        CHECK ((kind = 'outcome') = (outcome IS NOT NULL))`,
    ],
  },
];

export class SchemaTooNewError extends Error {
  readonly code = 'SCHEMA_TOO_NEW';
  constructor(readonly unknownVersions: number[]) {
    super(
      `The database has migrations this BFF does not know (${unknownVersions.join(', ')}): ` +
        'it was migrated by a newer version. Upgrade this instance instead of running it.',
    );
    this.name = 'SchemaTooNewError';
  }
}

export interface MigrationResult {
  applied: number[];
}

/**
 * Applies missing migrations in one transaction. The advisory lock makes BFF
 * instances starting together take turns: the second sees the first's rows in
 * schema_migrations and applies nothing.
 */
export async function migrate(
  db: Db,
  list: readonly Migration[] = migrations,
): Promise<MigrationResult> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, $2::int)', [
      LOCK_NAMESPACE.migrations,
      0,
    ]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((row) => row.version));
    const known = new Set(list.map((migration) => migration.version));
    const unknown = [...done].filter((version) => !known.has(version)).sort((a, b) => a - b);
    if (unknown.length > 0) throw new SchemaTooNewError(unknown);

    const applied: number[] = [];
    for (const migration of [...list].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    return { applied };
  });
}
