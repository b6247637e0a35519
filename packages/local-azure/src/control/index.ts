/**
 * The control API: plain JSON over loopback http, for tests and benchmarks.
 * It exposes the same functions as `emulator.control`, plus the clock.
 *
 *   GET  /health                 → {ok, scenario, now}
 *   POST /reset {scenario?}      → {ok, scenario}
 *   POST /faults {operation, kind, latencyMs?, jitterMs?, retryAfterSeconds?, times?} → 201 fault
 *   GET  /faults                 → {faults}
 *   DELETE /faults               → {ok}
 *   GET  /counters               → {total, byOperation}
 *   POST /counters/reset         → {ok}
 *   GET  /identity/counters      → {discovery, token, keys, other}: requests to the identity provider
 *   POST /identity/counters/reset → {ok}
 *   GET  /requests[?limit=n]     → {requests: [{at, method, path, operation, status, ms, requestId}]}
 *   POST /clock/advance {ms}     → {now}
 *   POST /clock/set {at}         → {now}
 *   GET  /settings               → settings
 *   PUT  /settings {pageSize?, lroPolls?, lroRetryAfterSeconds?} → settings
 *   PUT  /hold {afterPages}      → {afterPages, waiting}: list pages past the first N wait
 *   GET  /hold                   → {afterPages, waiting}
 *   DELETE /hold                 → {afterPages: null, waiting: 0}: every held page answers
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControllableClock } from '../clock';
import type { ArmEmulator } from '../arm/index';
import { scenarioNames } from '../scenario/index';
import type { ScenarioName } from '../scenario/types';

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1024 * 1024) reject(new HttpError(413, 'body too large'));
      else chunks.push(c);
    });
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (text === '') return resolve({});
      try {
        const value = JSON.parse(text) as unknown;
        if (typeof value !== 'object' || value === null || Array.isArray(value)) {
          reject(new HttpError(400, 'body must be a JSON object'));
        } else resolve(value as Record<string, unknown>);
      } catch {
        reject(new HttpError(400, 'body is not valid JSON'));
      }
    });
    req.on('error', reject);
  });
}

function parseTime(value: unknown): number {
  const at =
    typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(at))
    throw new HttpError(400, 'at must be an ISO date-time or epoch milliseconds');
  return at;
}

export function createControlApp(deps: {
  emulator: ArmEmulator;
  clock: ControllableClock;
  identity?: { counters(): unknown; resetCounters(): void };
}): (req: IncomingMessage, res: ServerResponse) => void {
  const { emulator, clock } = deps;
  const control = emulator.control;
  const now = (): { now: string } => ({ now: new Date(clock.now()).toISOString() });

  async function route(req: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const url = new URL(req.url ?? '/', 'http://control.local');
    const key = `${(req.method ?? 'GET').toUpperCase()} ${url.pathname.replace(/\/+$/, '') || '/'}`;
    switch (key) {
      case 'GET /health':
        return { status: 200, body: { ok: true, scenario: emulator.scenario().name, ...now() } };
      case 'POST /reset': {
        const body = await readJson(req);
        const name = body.scenario;
        if (name !== undefined && !(scenarioNames as unknown[]).includes(name)) {
          throw new HttpError(400, `scenario must be one of ${scenarioNames.join(', ')}`);
        }
        await control.reset(name as ScenarioName | undefined);
        return { status: 200, body: { ok: true, scenario: emulator.scenario().name } };
      }
      case 'POST /faults': {
        const body = await readJson(req);
        try {
          return { status: 201, body: control.addFault(body) };
        } catch (error) {
          throw new HttpError(400, error instanceof Error ? error.message : 'invalid fault');
        }
      }
      case 'GET /faults':
        return { status: 200, body: { faults: control.faults() } };
      case 'DELETE /faults':
        control.clearFaults();
        return { status: 200, body: { ok: true } };
      case 'GET /counters':
        return { status: 200, body: control.counters() };
      case 'POST /counters/reset':
        control.resetCounters();
        return { status: 200, body: { ok: true } };
      case 'GET /identity/counters':
        if (!deps.identity) throw new HttpError(404, 'no identity provider here');
        return { status: 200, body: deps.identity.counters() };
      case 'POST /identity/counters/reset':
        if (!deps.identity) throw new HttpError(404, 'no identity provider here');
        deps.identity.resetCounters();
        return { status: 200, body: { ok: true } };
      case 'GET /requests': {
        const limit = url.searchParams.get('limit');
        return {
          status: 200,
          body: { requests: control.requests(limit === null ? undefined : Number(limit) || 0) },
        };
      }
      case 'POST /clock/advance': {
        const body = await readJson(req);
        if (typeof body.ms !== 'number' || !Number.isFinite(body.ms))
          throw new HttpError(400, 'ms must be a number');
        clock.advance(body.ms);
        return { status: 200, body: now() };
      }
      case 'POST /clock/set': {
        const body = await readJson(req);
        clock.set(parseTime(body.at));
        return { status: 200, body: now() };
      }
      case 'GET /settings':
        return { status: 200, body: control.settings() };
      case 'PUT /settings': {
        const body = await readJson(req);
        try {
          return { status: 200, body: control.updateSettings(body) };
        } catch (error) {
          throw new HttpError(400, error instanceof Error ? error.message : 'invalid settings');
        }
      }
      case 'GET /hold':
        return { status: 200, body: control.heldPages() };
      case 'PUT /hold': {
        const body = await readJson(req);
        try {
          return { status: 200, body: control.holdPages(body.afterPages as number) };
        } catch (error) {
          throw new HttpError(400, error instanceof Error ? error.message : 'invalid hold');
        }
      }
      case 'DELETE /hold':
        return { status: 200, body: control.releasePages() };
      default:
        throw new HttpError(404, `no control endpoint ${key}`);
    }
  }

  return (req, res) => {
    route(req)
      .then(({ status, body }) => {
        res.writeHead(status, {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        });
        res.end(JSON.stringify(body));
      })
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof Error ? error.message : 'internal error';
        if (!res.headersSent) {
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        }
        res.end(JSON.stringify({ error: { message } }));
      });
  };
}
