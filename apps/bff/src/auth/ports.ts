import type { ConsoleRole } from '@latchkey/domain';

/**
 * What auth needs from storage. The storage layer implements these; tests can
 * pass the real storage on PGlite.
 */
export interface SessionData {
  oid: string;
  tenantId: string;
  name: string;
  username: string;
  roles: ConsoleRole[];
  /** msal account id: the token-cache partition key. Not a secret. */
  homeAccountId: string;
  loginAt: number;
}

export interface SessionStore {
  /** Creates a session and returns its id (the raw id exists only in the cookie). */
  create(data: SessionData): Promise<string>;
  /** The session's data, or undefined when missing or past its idle/absolute timeout. */
  get(id: string): Promise<SessionData | undefined>;
  touch(id: string): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of one person (by their account id); returns how many. */
  deleteAllOf(homeAccountId: string): Promise<number>;
}

/** One serialized msal cache per signed-in account; encrypted at rest by the store. */
export interface TokenCacheStore {
  get(partition: string): Promise<string | undefined>;
  set(partition: string, serialized: string): Promise<void>;
  delete(partition: string): Promise<void>;
}
