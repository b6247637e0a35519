import { createServer, type Server } from 'node:http';
import { context, type Meter, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type IMetricReader,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import manifest from '../../package.json' with { type: 'json' };

/**
 * OpenTelemetry for one BFF: a tracer (a span per HTTP request, a child span
 * per ARM call) and a meter, exported to a Prometheus scrape endpoint on its
 * own port (METRICS_PORT) and/or over OTLP/HTTP when an endpoint is set
 * (OTEL_EXPORTER_OTLP_ENDPOINT: a collector, or Azure Monitor through its
 * OpenTelemetry distro). The providers are this instance's, not the process's
 * globals, so tests can run several BFFs side by side. Attributes carry
 * methods, route templates, operation names and status codes only: never a
 * query string, a header, a body or an error message.
 */
export interface Telemetry {
  tracer: Tracer;
  meter: Meter;
  /** The Prometheus scrape URL, when METRICS_PORT is set. */
  metricsUrl: string | undefined;
  /** Exports what is buffered now (tests, and before exit). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  serviceName?: string;
  /** Serve Prometheus metrics on this port (0 picks a free one); none when undefined. */
  metricsPort?: number;
  metricsHost?: string;
  /** OTLP/HTTP base URL (…/v1/traces and …/v1/metrics are appended). */
  otlpEndpoint?: string;
  /** How often metrics are pushed over OTLP (default 60 s). */
  otlpMetricsIntervalMs?: number;
}

let contextManagerInstalled = false;

/** Async context (AsyncLocalStorage) so an ARM call's span finds its request's span. */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  contextManagerInstalled = context.setGlobalContextManager(
    new AsyncLocalStorageContextManager().enable(),
  );
}

export async function startTelemetry(options: TelemetryOptions = {}): Promise<Telemetry> {
  installContextManager();
  const resource = resourceFromAttributes({
    'service.name': options.serviceName ?? 'latchkey-bff',
    'service.version': manifest.version,
  });
  const otlp = options.otlpEndpoint?.replace(/\/+$/, '');

  const readers: IMetricReader[] = [];
  let prometheus: PrometheusExporter | undefined;
  if (options.metricsPort !== undefined) {
    // Our own server around the exporter's handler: it listens where we say and tells us its port.
    prometheus = new PrometheusExporter({ preventServerStart: true });
    readers.push(prometheus);
  }
  if (otlp) {
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: `${otlp}/v1/metrics` }),
        exportIntervalMillis: options.otlpMetricsIntervalMs ?? 60_000,
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });

  const spanProcessors: SpanProcessor[] = otlp
    ? [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${otlp}/v1/traces` }) })]
    : [];
  const tracerProvider = new TracerProvider({ resource, spanProcessors });

  let server: Server | undefined;
  let metricsUrl: string | undefined;
  if (prometheus) {
    const exporter = prometheus;
    server = createServer((req, res) => {
      if (req.method === 'GET' && req.url?.split('?')[0] === '/metrics') {
        exporter.getMetricsRequestHandler(req, res);
      } else {
        res.writeHead(404).end();
      }
    });
    const host = options.metricsHost ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject);
      server!.listen(options.metricsPort, host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : options.metricsPort;
    metricsUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`;
  }

  return {
    tracer: tracerProvider.getTracer('latchkey-bff', manifest.version),
    meter: meterProvider.getMeter('latchkey-bff', manifest.version),
    metricsUrl,
    async flush() {
      await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush()]);
    },
    async shutdown() {
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
      }
      await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]);
    },
  };
}
