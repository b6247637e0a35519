import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { canonicalJson, toJsonValue, type JsonValue } from './canonical-json';
import { systemClock, type Clock } from './clock';
import type { Db } from './db';
import { GENESIS_HASH } from './migrations';
import { assertNoSecrets } from './secret-guard';

export { SecretInAuditRecordError } from './secret-guard';

export type AuditRecordKind = 'intent' | 'outcome' | 'observed';
export type AuditOutcome = 'succeeded' | 'failed' | 'unknown';

const text = (max: number) => z.string().min(1).max(max);

const intentInputSchema = z.strictObject({
  actor: text(256),
  action: text(128),
  target: text(2048),
  before: z.unknown().optional(),
  requestId: text(128),
});

const outcomeInputSchema = z.strictObject({
  outcome: z.enum(['succeeded', 'failed']),
  after: z.unknown().optional(),
  armRequestIds: z.array(text(256)).max(200),
  error: z.unknown().optional(),
});

const observedInputSchema = z.strictObject({
  action: text(128),
  target: text(2048),
  before: z.unknown().optional(),
  after: z.unknown(),
  requestId: text(128),
});

/** The actor of a change found in Azure that the console did not make. */
export const OBSERVED_ACTOR = 'observed in Azure';

export type AuditIntentInput = z.input<typeof intentInputSchema>;
export type AuditObservedInput = z.input<typeof observedInputSchema>;
export type AuditOutcomeInput = z.input<typeof outcomeInputSchema>;

export interface AuditRecord {
  seq: number;
  id: string;
  kind: AuditRecordKind;
  recordedAt: Date;
  actor: string;
  action: string;
  target: string;
  requestId: string;
  /** For an outcome: the intent it completes. */
  intentId: string | null;
  outcome: AuditOutcome | null;
  before: JsonValue;
  after: JsonValue;
  armRequestIds: string[] | null;
  error: JsonValue;
  prevHash: string;
  hash: string;
}

export interface AuditListFilter {
  /** Part of the actor's username, any case. */
  actor?: string;
  /** An action code exactly, or a family by prefix: `token.*`. */
  action?: string;
  /**
   * An ARM id (starts with `/`): that resource and everything under it, any
   * case. Anything else: part of the target, any case.
   */
  target?: string;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface AuditPage {
  /** Newest first. */
  records: AuditRecord[];
  nextCursor: string | null;
}

/** What the log holds to pick filters from: who acted, and on what. */
export interface AuditFacets {
  /** Usernames, with the display name the latest change of theirs recorded (null if none did). */
  actors: { username: string; name: string | null }[];
  /** ARM ids, the most recently changed first. */
  targets: string[];
  /** True when there were more targets than the limit. */
  targetsTruncated: boolean;
}

export interface ChainVerification {
  ok: boolean;
  checked: number;
  /** The first sequence number whose record is altered, missing or out of chain. */
  firstBadSeq?: number;
}

export interface AuditLog {
  /** Records what is about to be done, before the ARM call; returns the record id. */
  appendIntent(input: AuditIntentInput): Promise<string>;
  /** Records how it went; returns the outcome record's id. */
  appendOutcome(intentId: string, input: AuditOutcomeInput): Promise<string>;
  /**
   * Records a change a snapshot refresh found in Azure that no console change
   * explains (actor OBSERVED_ACTOR); `after` carries the window it happened in.
   */
  appendObserved(input: AuditObservedInput): Promise<string>;
  /** Intents that have no outcome record: the process ended between the two. */
  pendingIntents(): Promise<AuditRecord[]>;
  /**
   * Closes a pending intent as "outcome unknown" (a crash, or a change that
   * outlived the longest possible one); `after` may say why.
   */
  markOutcomeUnknown(intentId: string, after?: unknown): Promise<string>;
  /**
   * Settles an "outcome unknown" intent for good as unknown: the evidence
   * cannot tell (a later change touched the same resource). `after` says why
   * and must carry `superseded`; the intent is no longer unresolved.
   */
  settleAsUnknown(
    intentId: string,
    after: { superseded: unknown; note: string; [more: string]: unknown },
  ): Promise<string>;
  /**
   * Intents recorded after `seq` whose target is under `targetPrefix`
   * (case-insensitive), oldest first, at most `limit` (default 1000).
   */
  intentsAfter(seq: number, targetPrefix: string, limit?: number): Promise<AuditRecord[]>;
  /**
   * Intents marked "outcome unknown" that no definite outcome has followed yet,
   * oldest first; with `targetPrefix`, only targets under it (case-insensitive).
   */
  unresolvedIntents(targetPrefix?: string): Promise<AuditRecord[]>;
  verifyChain(): Promise<ChainVerification>;
  list(filter: AuditListFilter): Promise<AuditPage>;
  /** Distinct actors and targets (at most `targetLimit`, default 500), for the filters' pickers. */
  facets(targetLimit?: number): Promise<AuditFacets>;
}

export class AuditIntentNotFoundError extends Error {
  readonly code = 'AUDIT_INTENT_NOT_FOUND';
  constructor(readonly intentId: string) {
    super(`No audit intent with id "${intentId}".`);
    this.name = 'AuditIntentNotFoundError';
  }
}

export class AuditOutcomeConflictError extends Error {
  readonly code = 'AUDIT_OUTCOME_CONFLICT';
  constructor(
    readonly intentId: string,
    readonly existing: AuditOutcome,
  ) {
    super(`Audit intent "${intentId}" already has the outcome "${existing}".`);
    this.name = 'AuditOutcomeConflictError';
  }
}

export class InvalidAuditCursorError extends Error {
  readonly code = 'AUDIT_INVALID_CURSOR';
  constructor() {
    super('The audit log cursor is not valid.');
    this.name = 'InvalidAuditCursorError';
  }
}

interface AuditRow {
  seq: number;
  id: string;
  kind: AuditRecordKind;
  recorded_at: Date;
  actor: string;
  action: string;
  target: string;
  request_id: string;
  intent_id: string | null;
  outcome: AuditOutcome | null;
  before: JsonValue;
  after: JsonValue;
  arm_request_ids: string[] | null;
  error: JsonValue;
  prev_hash: string;
  hash: string;
}

const COLUMNS =
  'seq, id, kind, recorded_at, actor, action, target, request_id, intent_id, outcome, ' +
  'before, after, arm_request_ids, error, prev_hash, hash';

function toRecord(row: AuditRow): AuditRecord {
  return {
    seq: row.seq,
    id: row.id,
    kind: row.kind,
    recordedAt: row.recorded_at,
    actor: row.actor,
    action: row.action,
    target: row.target,
    requestId: row.request_id,
    intentId: row.intent_id,
    outcome: row.outcome,
    before: row.before ?? null,
    after: row.after ?? null,
    armRequestIds: row.arm_request_ids ?? null,
    error: row.error ?? null,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * SHA-256 over the canonical JSON of every field but the hash itself, the
 * previous hash included: changing any record breaks its own hash, and
 * re-hashing it breaks the next record's link.
 */
export function hashAuditRecord(record: Omit<AuditRecord, 'hash'>): string {
  const fields: JsonValue = {
    v: 1,
    seq: record.seq,
    id: record.id,
    kind: record.kind,
    recordedAt: record.recordedAt.toISOString(),
    actor: record.actor,
    action: record.action,
    target: record.target,
    requestId: record.requestId,
    intentId: record.intentId,
    outcome: record.outcome,
    before: record.before,
    after: record.after,
    armRequestIds: record.armRequestIds,
    error: record.error,
    prevHash: record.prevHash,
  };
  return createHash('sha256').update(canonicalJson(fields), 'utf8').digest('hex');
}

function jsonParam(value: JsonValue): string | null {
  return value === null ? null : JSON.stringify(value);
}

function encodeCursor(seq: number): string {
  return Buffer.from(`v1:${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^v1:([1-9][0-9]{0,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) throw new InvalidAuditCursorError();
  return Number(match[1]);
}

const listFilterSchema = z.strictObject({
  actor: z.string().optional(),
  action: z.string().optional(),
  target: z.string().optional(),
  from: z.date().optional(),
  to: z.date().optional(),
  cursor: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(500),
});

type NewRecord = Omit<AuditRecord, 'seq' | 'id' | 'recordedAt' | 'prevHash' | 'hash'>;

export interface AuditLogOptions {
  clock?: Clock;
}

export function createAuditLog(db: Db, options: AuditLogOptions = {}): AuditLog {
  const clock = options.clock ?? systemClock;

  /**
   * Appends the record `build` returns, in one transaction under the
   * chain-head row lock. The lock serialises appenders on every connection and
   * every BFF instance, so the sequence has no gaps and each record links to
   * its true predecessor; `build` runs under it too, so checks it makes (does
   * the intent already have an outcome?) cannot race another append.
   */
  async function append(build: (tx: Db) => Promise<NewRecord>): Promise<AuditRecord> {
    return db.transaction(async (tx) => {
      const { rows } = await tx.query<{ last_seq: number; last_hash: string }>(
        'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE',
      );
      const head = rows[0];
      if (!head) throw new Error('audit chain head row is missing');
      const fields = await build(tx);
      const unhashed: Omit<AuditRecord, 'hash'> = {
        ...fields,
        seq: head.last_seq + 1,
        id: randomUUID(),
        recordedAt: new Date(clock.now()),
        prevHash: head.last_hash,
      };
      const record: AuditRecord = { ...unhashed, hash: hashAuditRecord(unhashed) };
      await tx.query(
        `INSERT INTO audit_log (${COLUMNS})
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 $11::jsonb, $12::jsonb, $13::jsonb, $14::jsonb, $15, $16)`,
        [
          record.seq,
          record.id,
          record.kind,
          record.recordedAt,
          record.actor,
          record.action,
          record.target,
          record.requestId,
          record.intentId,
          record.outcome,
          jsonParam(record.before),
          jsonParam(record.after),
          jsonParam(record.armRequestIds),
          jsonParam(record.error),
          record.prevHash,
          record.hash,
        ],
      );
      await tx.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [
        record.seq,
        record.hash,
      ]);
      return record;
    });
  }

  /** The intent, and its latest outcome if any; read under the head lock. */
  async function findIntent(tx: Db, intentId: string) {
    const { rows } = await tx.query<AuditRow>(
      `SELECT ${COLUMNS} FROM audit_log WHERE id = $1 AND kind = 'intent'`,
      [intentId],
    );
    const intent = rows[0];
    if (!intent) throw new AuditIntentNotFoundError(intentId);
    const outcomes = await tx.query<{ outcome: AuditOutcome }>(
      'SELECT outcome FROM audit_log WHERE intent_id = $1 ORDER BY seq',
      [intentId],
    );
    return { intent, outcomes: outcomes.rows.map((row) => row.outcome) };
  }

  const outcomeFields = (
    intent: AuditRow,
  ): Pick<
    NewRecord,
    'actor' | 'action' | 'target' | 'requestId' | 'intentId' | 'kind' | 'before'
  > => ({
    // The intent's who, what and where, so filters find both halves.
    kind: 'outcome',
    actor: intent.actor,
    action: intent.action,
    target: intent.target,
    requestId: intent.request_id,
    intentId: intent.id,
    before: null,
  });

  /** An "unknown" outcome, after `allowed` checked the intent's outcomes so far. */
  async function appendUnknown(
    intentId: string,
    after: unknown,
    allowed: (outcomes: AuditOutcome[]) => void,
  ): Promise<string> {
    const afterJson = after === null ? null : toJsonValue(after, 'after');
    assertNoSecrets({ after: afterJson }, 'record');
    const record = await append(async (tx) => {
      const { intent, outcomes } = await findIntent(tx, intentId);
      allowed(outcomes);
      return {
        ...outcomeFields(intent),
        outcome: 'unknown',
        after: afterJson,
        armRequestIds: [],
        error: null,
      };
    });
    return record.id;
  }

  return {
    async appendIntent(input) {
      const parsed = intentInputSchema.parse(input);
      const before = parsed.before === undefined ? null : toJsonValue(parsed.before, 'before');
      const content = {
        actor: parsed.actor,
        action: parsed.action,
        target: parsed.target,
        requestId: parsed.requestId,
        before,
      };
      assertNoSecrets(content, 'record');
      const record = await append(async () => ({
        ...content,
        kind: 'intent',
        intentId: null,
        outcome: null,
        after: null,
        armRequestIds: null,
        error: null,
      }));
      return record.id;
    },

    async appendObserved(input) {
      const parsed = observedInputSchema.parse(input);
      const content = {
        actor: OBSERVED_ACTOR,
        action: parsed.action,
        target: parsed.target,
        requestId: parsed.requestId,
        before: parsed.before === undefined ? null : toJsonValue(parsed.before, 'before'),
        after: toJsonValue(parsed.after, 'after'),
      };
      assertNoSecrets(content, 'record');
      const record = await append(async () => ({
        ...content,
        kind: 'observed',
        intentId: null,
        outcome: null,
        armRequestIds: null,
        error: null,
      }));
      return record.id;
    },

    async appendOutcome(intentId, input) {
      const parsed = outcomeInputSchema.parse(input);
      const after = parsed.after === undefined ? null : toJsonValue(parsed.after, 'after');
      const error = parsed.error === undefined ? null : toJsonValue(parsed.error, 'error');
      const content = {
        outcome: parsed.outcome,
        after,
        error,
        armRequestIds: parsed.armRequestIds,
      };
      assertNoSecrets(content, 'record');
      const record = await append(async (tx) => {
        const { intent, outcomes } = await findIntent(tx, intentId);
        // A definite outcome may follow "unknown" (reconciliation found out),
        // never another definite one.
        const definite = outcomes.find((outcome) => outcome !== 'unknown');
        if (definite) throw new AuditOutcomeConflictError(intentId, definite);
        return { ...outcomeFields(intent), ...content };
      });
      return record.id;
    },

    async pendingIntents() {
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log i
          WHERE i.kind = 'intent'
            AND NOT EXISTS (SELECT 1 FROM audit_log o WHERE o.intent_id = i.id)
          ORDER BY i.seq`,
      );
      return rows.map(toRecord);
    },

    markOutcomeUnknown(intentId, after) {
      return appendUnknown(intentId, after === undefined ? null : after, (outcomes) => {
        const existing = outcomes[0];
        if (existing) throw new AuditOutcomeConflictError(intentId, existing);
      });
    },

    settleAsUnknown(intentId, after) {
      return appendUnknown(intentId, after, (outcomes) => {
        // Only an intent already marked unknown, and not settled since.
        if (outcomes.length === 0) throw new AuditOutcomeConflictError(intentId, 'unknown');
        const definite = outcomes.find((outcome) => outcome !== 'unknown');
        if (definite) throw new AuditOutcomeConflictError(intentId, definite);
      });
    },

    async intentsAfter(seq, targetPrefix, limit = 1000) {
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log
          WHERE kind = 'intent' AND seq > $1
            AND left(lower(target), length($2::text)) = lower($2::text)
          ORDER BY seq LIMIT $3`,
        [seq, targetPrefix, limit],
      );
      return rows.map(toRecord);
    },

    async unresolvedIntents(targetPrefix) {
      const intentColumns = COLUMNS.split(', ')
        .map((column) => `i.${column}`)
        .join(', ');
      // Starts from the partial index of "unknown" outcomes, which stays tiny.
      const { rows } = await db.query<AuditRow>(
        `SELECT ${intentColumns} FROM audit_log u
           JOIN audit_log i ON i.id = u.intent_id
          WHERE u.outcome = 'unknown'
            AND NOT EXISTS (SELECT 1 FROM audit_log d
                             WHERE d.intent_id = i.id
                               AND (d.outcome <> 'unknown' OR d.after->>'superseded' IS NOT NULL))
            AND ($1::text IS NULL OR left(lower(i.target), length($1::text)) = lower($1::text))
          ORDER BY i.seq`,
        [targetPrefix ?? null],
      );
      return rows.map(toRecord);
    },

    async verifyChain() {
      // The head first: every record up to it is committed (one transaction
      // writes both), and appends that land meanwhile are left for next time.
      const headRows = await db.query<{ last_seq: number; last_hash: string }>(
        'SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1',
      );
      const head = headRows.rows[0];
      if (!head) return { ok: false, checked: 0, firstBadSeq: 1 };
      let expectedSeq = 1;
      let prevHash = GENESIS_HASH;
      let checked = 0;
      const pageSize = 500;
      for (;;) {
        const { rows } = await db.query<AuditRow>(
          `SELECT ${COLUMNS} FROM audit_log WHERE seq >= $1 AND seq <= $2 ORDER BY seq LIMIT ${pageSize}`,
          [expectedSeq, head.last_seq],
        );
        for (const row of rows) {
          const record = toRecord(row);
          if (
            record.seq !== expectedSeq ||
            record.prevHash !== prevHash ||
            hashAuditRecord(record) !== record.hash
          ) {
            // A missing record shows as the seq we expected and did not get.
            return { ok: false, checked, firstBadSeq: expectedSeq };
          }
          checked++;
          prevHash = record.hash;
          expectedSeq++;
        }
        if (rows.length < pageSize) break;
      }
      // Records cut off the end (or a head rewound or rewritten).
      if (expectedSeq - 1 !== head.last_seq || prevHash !== head.last_hash) {
        return { ok: false, checked, firstBadSeq: Math.min(expectedSeq, head.last_seq) };
      }
      return { ok: true, checked };
    },

    async list(filter) {
      const parsed = listFilterSchema.parse(filter);
      const where: string[] = [];
      const params: unknown[] = [];
      const add = (clause: (placeholder: string) => string, value: unknown) => {
        params.push(value);
        where.push(clause(`$${params.length}`));
      };
      // strpos/left rather than LIKE: what a person types never acts as a wildcard.
      if (parsed.actor !== undefined)
        add((p) => `strpos(lower(actor), lower(${p}::text)) > 0`, parsed.actor);
      if (parsed.action?.endsWith('*'))
        add((p) => `left(action, length(${p}::text)) = ${p}::text`, parsed.action.slice(0, -1));
      else if (parsed.action !== undefined) add((p) => `action = ${p}`, parsed.action);
      if (parsed.target?.startsWith('/'))
        // ARM ids are case-insensitive; a registry's id also finds its tokens, scope maps…
        add(
          (p) =>
            `(lower(target) = lower(${p}::text) OR ` +
            `left(lower(target), length(${p}::text) + 1) = lower(${p}::text) || '/')`,
          parsed.target.replace(/\/+$/, ''),
        );
      else if (parsed.target !== undefined)
        add((p) => `strpos(lower(target), lower(${p}::text)) > 0`, parsed.target);
      if (parsed.from !== undefined) add((p) => `recorded_at >= ${p}`, parsed.from);
      if (parsed.to !== undefined) add((p) => `recorded_at < ${p}`, parsed.to);
      // Keyset paging on seq: stable while records are appended, unlike OFFSET.
      if (parsed.cursor !== undefined) add((p) => `seq < ${p}`, decodeCursor(parsed.cursor));
      params.push(parsed.limit + 1);
      const { rows } = await db.query<AuditRow>(
        `SELECT ${COLUMNS} FROM audit_log
          ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
          ORDER BY seq DESC LIMIT $${params.length}`,
        params,
      );
      const records = rows.slice(0, parsed.limit).map(toRecord);
      const last = records[records.length - 1];
      return {
        records,
        nextCursor: rows.length > parsed.limit && last ? encodeCursor(last.seq) : null,
      };
    },

    async facets(targetLimit = 500) {
      const limit = z.number().int().min(1).max(5000).parse(targetLimit);
      // The display name lives in the intent's `before.actor` (the recorder puts it there).
      const actors = await db.query<{ username: string; name: string | null }>(
        `SELECT actor AS username,
                (array_agg(before->'actor'->>'name' ORDER BY seq DESC)
                   FILTER (WHERE before->'actor'->>'name' IS NOT NULL))[1] AS name
           FROM audit_log GROUP BY actor ORDER BY lower(actor)`,
      );
      const targets = await db.query<{ target: string }>(
        `SELECT target FROM audit_log GROUP BY target ORDER BY max(seq) DESC LIMIT $1`,
        [limit + 1],
      );
      return {
        actors: actors.rows.map((r) => ({ username: r.username, name: r.name ?? null })),
        targets: targets.rows.slice(0, limit).map((r) => r.target),
        targetsTruncated: targets.rows.length > limit,
      };
    },
  };
}
