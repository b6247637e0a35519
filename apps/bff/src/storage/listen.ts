import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/**
 * PostgreSQL `LISTEN` for one channel, on a connection of its own. Whoever
 * listens must know when it is not listening (a dropped connection misses
 * every notification sent meanwhile), so the state is reported both ways.
 */
export interface ListenHandlers {
  /** A notification's payload; PostgreSQL delivers them in commit order. */
  notify(payload: string): void;
  /**
   * Listening started (true) or stopped (false). `pid` is the listening
   * backend (PostgreSQL); `reason` an error code or name, never a message
   * that could carry connection details.
   */
  state(listening: boolean, detail: { pid?: number; reason?: string }): void;
}

export interface Listener {
  readonly listening: boolean;
  close(): Promise<void>;
}

export interface ListenOptions {
  /**
   * Waits before the n-th attempt (from 1) to listen again after the
   * connection dropped or could not be made. Default: 100 ms doubling up to
   * 10 s; the attempts count restarts once listening succeeded.
   */
  wait?: (attempt: number, signal: AbortSignal) => Promise<void>;
}

export type Listen = (
  channel: string,
  handlers: ListenHandlers,
  options?: ListenOptions,
) => Listener;

/** Channel names are plain identifiers: quoting is not needed, and anything else is refused. */
function checkedChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name: ${channel}`);
  return channel;
}

const MAX_WAIT_MS = 10_000;

function backoff(attempt: number, signal: AbortSignal): Promise<void> {
  const ms = Math.min(MAX_WAIT_MS, 100 * 2 ** Math.min(attempt - 1, 10));
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const reasonOf = (error: unknown): string =>
  (error as { code?: string }).code ?? (error as Error).name ?? 'unknown';

/**
 * A dedicated `pg.Client` (not a pool's: a pooled connection goes back to
 * others and stops listening), connected again with bounded backoff whenever
 * it drops, until closed.
 */
export function listenPostgres(
  url: string,
  channel: string,
  handlers: ListenHandlers,
  options: ListenOptions = {},
): Listener {
  const name = checkedChannel(channel);
  const wait = options.wait ?? backoff;
  const stop = new AbortController();
  let client: pg.Client | undefined;
  let listening = false;

  /** One connection's life: true when it was listening before it ended. */
  async function session(): Promise<{ listened: boolean; reason?: string }> {
    const c = new pg.Client({
      connectionString: url,
      application_name: 'latchkey-bff-listen',
      // A dead peer is noticed (keep-alive), and a server that does not answer is given up on.
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    client = c;
    let ended: (reason: string) => void = () => {};
    const end = new Promise<string>((resolve) => (ended = resolve));
    c.on('error', (error) => ended(reasonOf(error)));
    c.on('end', () => ended('connection ended'));
    c.on('notification', (message) => {
      if (message.channel === name) handlers.notify(message.payload ?? '');
    });
    let pid: number;
    try {
      await c.connect();
      await c.query(`LISTEN ${name}`);
      pid = (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    } catch (error) {
      await c.end().catch(() => {});
      return { listened: false, reason: reasonOf(error) };
    }
    if (stop.signal.aborted) {
      await c.end().catch(() => {});
      return { listened: false };
    }
    listening = true;
    handlers.state(true, { pid });
    const reason = await end;
    listening = false;
    await c.end().catch(() => {});
    return { listened: true, reason };
  }

  void (async () => {
    let attempt = 0;
    while (!stop.signal.aborted) {
      const { listened, reason } = await session();
      if (stop.signal.aborted) break;
      if (listened) handlers.state(false, { ...(reason ? { reason } : {}) });
      attempt = listened ? 1 : attempt + 1;
      await wait(attempt, stop.signal);
    }
  })();

  return {
    get listening() {
      return listening;
    },
    async close() {
      stop.abort();
      const was = listening;
      listening = false;
      await client?.end().catch(() => {});
      if (was) handlers.state(false, { reason: 'closed' });
    },
  };
}

/**
 * PGlite is one database in this process, so every writer is here: its own
 * `listen` hears every `NOTIFY`, and the connection cannot drop.
 */
export function listenPglite(pglite: PGlite, channel: string, handlers: ListenHandlers): Listener {
  const name = checkedChannel(channel);
  let listening = false;
  let closed = false;
  const started = pglite
    .listen(name, (payload) => handlers.notify(payload))
    .then((unlisten) => {
      if (closed) return unlisten;
      listening = true;
      handlers.state(true, {});
      return unlisten;
    });
  return {
    get listening() {
      return listening;
    },
    async close() {
      closed = true;
      const was = listening;
      listening = false;
      const unlisten = await started.catch(() => undefined);
      if (!pglite.closed) await unlisten?.().catch(() => {});
      if (was) handlers.state(false, { reason: 'closed' });
    },
  };
}
