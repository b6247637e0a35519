import { createHash } from 'node:crypto';

/**
 * Advisory locks use the two-int4 form (namespace, id): the namespace keeps
 * Latchkey's locks apart from each other and from any other application that
 * shares the database. Values are arbitrary but fixed forever ("LK" + n).
 */
export const LOCK_NAMESPACE = {
  migrations: 0x4c4b0001,
  keyedLocks: 0x4c4b0002,
  credentialBudget: 0x4c4b0003,
} as const;

/**
 * A stable int4 for a lock key. Two keys may collide (1 in 2^32); the only
 * effect is that they serialise with each other, which is safe.
 */
export function lockIdForKey(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readInt32BE(0);
}
