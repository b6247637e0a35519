import { createServer, type RequestListener, type Server } from 'node:http';

/**
 * How long the BFF waits on a client. A console's requests are small (JSON
 * bodies of at most 32 kB) and come from browsers on a working network, so
 * Node's defaults (5 minutes for a whole request) only let a slow or hostile
 * client hold connections open.
 */
export interface HttpTimeouts {
  /** Time to receive a request's headers. */
  headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open between requests. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/** The BFF's HTTP server with the timeouts above, for the CLI, the launcher and the tests alike. */
export function createBffServer(app: RequestListener, timeouts: HttpTimeouts): Server {
  return createServer(
    {
      headersTimeout: timeouts.headersTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      keepAliveTimeout: timeouts.keepAliveTimeoutMs,
      // Node checks the two request timeouts on this interval (default 30 s,
      // which would add up to 30 s to each); a second is cheap and keeps them close.
      connectionsCheckingInterval: Math.min(
        1000,
        timeouts.headersTimeoutMs,
        timeouts.requestTimeoutMs,
      ),
    },
    app,
  );
}
