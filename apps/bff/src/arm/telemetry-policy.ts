import {
  context,
  SpanKind,
  SpanStatusCode,
  type Counter,
  type Histogram,
  type Meter,
  type Tracer,
} from '@opentelemetry/api';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/** What the ARM layer needs to report its calls (the BFF's Telemetry fits). */
export interface ArmTelemetry {
  tracer: Tracer;
  meter: Meter;
}

const PROVIDER =
  /^\/subscriptions\/[^/]+(?:\/resourcegroups\/[^/]+)?\/providers\/microsoft\.containerregistry\/registries(?:\/(.*))?$/;
const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const collections: Record<string, string> = {
  tokens: 'Tokens',
  scopemaps: 'ScopeMaps',
  connectedregistries: 'ConnectedRegistries',
};

/**
 * The ARM operation a request is, named as the ARM API names it
 * (`Tokens_List`, `Registries_GenerateCredentials`), from its method and path
 * only: a bounded set of labels, never a resource name or a query.
 */
export function armOperation(method: string, url: string): string {
  const path = new URL(url).pathname.toLowerCase().replace(/\/+$/, '');
  const m = method.toUpperCase();
  if (path === '/subscriptions') return 'Subscriptions_List';
  if (path.includes('/operationstatuses/')) return 'OperationStatuses_Get';
  if (path.includes('/operationresults/')) return 'OperationResults_Get';
  const match = PROVIDER.exec(path);
  if (!match) return 'Other';
  const rest = match[1]?.split('/') ?? [];
  if (rest.length === 0) return 'Registries_List';
  if (rest.length === 1) {
    return { GET: 'Registries_Get', PATCH: 'Registries_Update' }[m] ?? 'Other';
  }
  if (rest.length === 2 && rest[1] === 'generatecredentials')
    return 'Registries_GenerateCredentials';
  const collection = collections[rest[1]!];
  if (!collection) return 'Other';
  if (rest.length === 2) return m === 'GET' ? `${collection}_List` : 'Other';
  if (rest.length === 3) {
    const verb = { GET: 'Get', PUT: 'Create', PATCH: 'Update', DELETE: 'Delete' }[m];
    return verb ? `${collection}_${verb}` : 'Other';
  }
  if (rest.length === 4 && m === 'POST') return `${collection}_${pascal(rest[3]!)}`;
  return 'Other';
}

interface Instruments {
  requests: Counter;
  duration: Histogram;
}
const instruments = new WeakMap<Meter, Instruments>();

function instrumentsOf(meter: Meter): Instruments {
  let found = instruments.get(meter);
  if (!found) {
    found = {
      requests: meter.createCounter('latchkey.arm.requests', {
        description:
          'HTTP requests the BFF sent to ARM (each retry and each long-running-operation poll counts), by operation and status',
      }),
      duration: meter.createHistogram('latchkey.arm.request.duration', {
        description: 'Duration of one HTTP request to ARM',
        unit: 's',
        advice: {
          explicitBucketBoundaries: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
        },
      }),
    };
    instruments.set(meter, found);
  }
  return found;
}

/**
 * A pipeline policy placed per retry, so every HTTP request that reaches ARM
 * (retries and polls included, as ARM counts them) gets a client span, as a
 * child of the BFF request's span, and is counted and timed.
 */
export function armTelemetryPolicy(telemetry: ArmTelemetry): PipelinePolicy {
  const { requests, duration } = instrumentsOf(telemetry.meter);
  return {
    name: 'latchkeyArmTelemetry',
    async sendRequest(request, next) {
      const operation = armOperation(request.method, request.url);
      const span = telemetry.tracer.startSpan(
        `ARM ${operation}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'http.request.method': request.method,
            'server.address': new URL(request.url).hostname,
            'latchkey.arm.operation': operation,
          },
        },
        context.active(),
      );
      const started = performance.now();
      let status = 'error';
      try {
        const response = await next(request);
        status = String(response.status);
        span.setAttribute('http.response.status_code', response.status);
        const requestId = response.headers.get('x-ms-request-id');
        if (requestId) span.setAttribute('azure.request_id', requestId);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR });
        return response;
      } catch (error) {
        // The kind of failure only: messages may quote a response body.
        const code = (error as { statusCode?: number; code?: string }) ?? {};
        if (code.statusCode) status = String(code.statusCode);
        span.setStatus({ code: SpanStatusCode.ERROR });
        span.setAttribute('error.type', code.code ?? (error as Error)?.name ?? 'Error');
        throw error;
      } finally {
        const attributes = { operation, status };
        requests.add(1, attributes);
        duration.record((performance.now() - started) / 1000, attributes);
        span.end();
      }
    },
  };
}
