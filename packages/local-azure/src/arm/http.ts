/**
 * The request pipeline, in ARM's order: route → faults → body → bearer token →
 * api-version → subscription and tenant → RBAC → resource handler. Every
 * response carries ARM's request-id and rate-limit headers and, on error, the
 * ARM envelope.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { REGISTRY_API_VERSIONS, shapeForVersion } from './api-versions';
import { authorize, type Authenticator } from './auth';
import type { ArmResponse, RequestContext, Settings } from './context';
import { ArmError, invalidContent, subscriptionNotFound } from './errors';
import { latencyOf, type FaultKind, type FaultTable } from './faults';
import type { LroOutcome, LroStore } from './lro';
import type { PageHold } from './page-hold';
import { matchRoute, type Operation } from './routes';
import { lower, registryId, type ArmState } from './state';
import type { ControllableClock } from '../clock';

const MAX_BODY = 4 * 1024 * 1024;

export interface RequestLogEntry {
  at: string;
  method: string;
  path: string;
  operation: string;
  status: number;
  ms: number;
  requestId: string;
}

export interface PipelineDeps {
  state: () => ArmState;
  origin: string;
  clock: ControllableClock;
  settings: Settings;
  lro: LroStore;
  faults: FaultTable;
  /** List pages held back until released (control API /hold). */
  hold: PageHold;
  auth: Authenticator;
  /** Persist (coalesced); `flush` waits until every change so far is on disk. */
  save: () => void;
  flush: () => Promise<void>;
  record: (entry: RequestLogEntry) => void;
}

class Buckets {
  private readonly levels = new Map<string, { value: number; at: number }>();
  /** ARM's token-bucket numbers (reference §4), reported but not enforced: throttling comes from faults. */
  take(key: string, capacity: number, perSecond: number): number {
    const now = Date.now();
    const b = this.levels.get(key) ?? { value: capacity, at: now };
    b.value = Math.min(capacity, b.value + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    b.value = Math.max(0, b.value - 1);
    this.levels.set(key, b);
    return Math.floor(b.value);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ArmError(413, 'RequestEntityTooLarge', 'The request content is too large.'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function checkApiVersion(url: URL, family: Operation['family']): void {
  const v = url.searchParams.get('api-version');
  if (!v) {
    throw new ArmError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (family === 'resources') {
    // Microsoft.Resources versions the SDKs and az send; any well-formed one is accepted.
    if (/^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v)) return;
  } else if (REGISTRY_API_VERSIONS.includes(v)) {
    return;
  }
  const supported = family === 'resources' ? 'yyyy-mm-dd' : REGISTRY_API_VERSIONS.join(', ');
  throw new ArmError(
    400,
    'InvalidApiVersionParameter',
    `The api-version '${v}' is invalid. The supported versions are '${supported}'.`,
  );
}

export function createPipeline(
  deps: PipelineDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  const buckets = new Buckets();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', deps.origin);
    const requestId = randomUUID();
    const correlationId = String(req.headers['x-ms-correlation-request-id'] ?? requestId);
    const clientRequestId = req.headers['x-ms-client-request-id'];
    let operationId = 'Unknown';
    let subscriptionId = '';

    const send = (r: ArmResponse): void => {
      if (res.headersSent || res.destroyed) return;
      const headers: Record<string, string> = {
        'x-ms-request-id': requestId,
        'x-ms-correlation-request-id': correlationId,
        'cache-control': 'no-cache',
        ...(typeof clientRequestId === 'string'
          ? { 'x-ms-client-request-id': clientRequestId }
          : {}),
      };
      const kind = method === 'GET' ? 'reads' : method === 'DELETE' ? 'deletes' : 'writes';
      const capacity = kind === 'reads' ? 250 : 200;
      const rate = kind === 'reads' ? 25 : 10;
      const left = buckets.take(`${lower(subscriptionId)}|${kind}`, capacity, rate);
      headers[`x-ms-ratelimit-remaining-subscription-${kind}`] = String(left);
      const payload = r.body === undefined ? '' : JSON.stringify(r.body);
      if (payload) headers['content-type'] = 'application/json; charset=utf-8';
      headers['content-length'] = String(Buffer.byteLength(payload));
      res.writeHead(r.status, { ...headers, ...(r.headers ?? {}) });
      res.end(payload);
    };
    const finish = (status: number): void => {
      deps.record({
        at: new Date().toISOString(),
        method,
        path: url.pathname + url.search,
        operation: operationId,
        status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        requestId,
      });
    };

    try {
      let pathname: string;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        throw new ArmError(400, 'InvalidRequestUri', 'The request URI is malformed.');
      }
      const route = matchRoute(pathname);
      if (!route) {
        throw new ArmError(
          404,
          'NotFound',
          `No HTTP resource was found that matches the request URI '${url.pathname}'.`,
        );
      }
      const operation = route.operations[method];
      if (!operation) {
        throw new ArmError(
          405,
          'MethodNotAllowed',
          `The requested resource does not support http method '${method}'.`,
        );
      }
      operationId = operation.operationId;
      subscriptionId = route.params.subscriptionId;

      // Faults, before any real work, so they cost nothing else.
      const latency = deps.faults.take(operationId, ['latency']);
      if (latency) await sleep(latencyOf(latency));
      if (method === 'GET') await deps.hold.pass(url, deps.settings.pageSize);
      const fault = deps.faults.take(operationId, ['throttle', 'error500', 'error503', 'reset']);
      if (fault) {
        if (fault.kind === 'reset') {
          finish(0);
          req.socket.destroy();
          return;
        }
        const retryAfter = String(fault.retryAfterSeconds ?? 1);
        if (fault.kind === 'throttle') {
          throw new ArmError(
            429,
            'TooManyRequests',
            `The request is being throttled as the limit has been reached for operation type - ${method === 'GET' ? 'Read' : 'Write'}_ObservationWindow_00:05:00. For more information, see - https://aka.ms/srpthrottlinglimits`,
            { headers: { 'retry-after': retryAfter } },
          );
        }
        if (fault.kind === 'error503') {
          throw new ArmError(
            503,
            'ServiceUnavailable',
            'The service is temporarily unavailable. Please try again later.',
            {
              headers: { 'retry-after': retryAfter },
            },
          );
        }
        throw new ArmError(
          500,
          'InternalServerError',
          'Encountered internal server error. Please try again.',
        );
      }

      const text = method === 'GET' || method === 'DELETE' ? '' : await readBody(req);
      let body: unknown;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text) as unknown;
        } catch (error) {
          throw invalidContent(error instanceof Error ? error.message : 'invalid JSON');
        }
      }

      const principal = await deps.auth.authenticate(req.headers.authorization);
      checkApiVersion(url, operation.family);
      const state = deps.state();
      if (subscriptionId) {
        const sub = state.subscriptions.get(lower(subscriptionId));
        if (!sub) throw subscriptionNotFound(subscriptionId);
        deps.auth.checkTenant(principal, sub.tenantId);
      }
      if (typeof operation.rbac === 'object') {
        const p = route.params;
        const regPath = registryId({
          subscriptionId: p.subscriptionId,
          resourceGroup: p.resourceGroup,
          name: p.registryName,
        });
        const scope = operation.rbac.scope === 'registry' ? regPath : pathname.replace(/\/+$/, '');
        // Registry-scope assignments cover children: RBAC is decided on the registry's scope.
        authorize(state, principal, operation.rbac.action, scope, operation.rbac.write);
      }

      let lroTaken = false;
      const ctx: RequestContext = {
        state,
        origin: deps.origin,
        clock: deps.clock,
        settings: deps.settings,
        lro: deps.lro,
        principal,
        url,
        method,
        body,
        params: route.params,
        takeLroOutcome(): LroOutcome {
          if (lroTaken) return 'succeed';
          lroTaken = true;
          const f = deps.faults.take(operationId, ['lro-failed', 'lro-never'] as FaultKind[]);
          return f?.kind === 'lro-failed' ? 'fail' : f?.kind === 'lro-never' ? 'never' : 'succeed';
        },
        changed: () => deps.save(),
      };
      const result = await operation.handler(ctx);
      await deps.flush();
      send(
        operation.family === 'resources' || result.body === undefined
          ? result
          : { ...result, body: shapeForVersion(result.body, url.searchParams.get('api-version')) },
      );
      finish(result.status);
    } catch (error) {
      let armError: ArmError;
      if (error instanceof ArmError) {
        armError = error;
      } else {
        console.error('[local-azure arm] unexpected error', error);
        armError = new ArmError(
          500,
          'InternalServerError',
          'Encountered internal server error. Please try again.',
        );
      }
      send({ status: armError.status, body: armError.body(), headers: armError.headers });
      finish(armError.status);
    }
  }

  return (req, res) => {
    void handle(req, res);
  };
}
