/**
 * OpenTelemetry as an operator sees it: the Prometheus endpoint counts the ARM
 * requests a page load costs exactly as local Azure's own counters do, and
 * times HTTP requests; spans reach an OTLP/HTTP collector (a loopback
 * receiver here) with each ARM call a child of its request; and nothing
 * exported holds a generated password or a session cookie.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths, credentialResultSchema } from '@latchkey/domain';
import { startTelemetry, type Telemetry } from '../../src/telemetry/telemetry';
import { startDemoHarness, type DemoSession } from './harness';

interface Received {
  path: string;
  body: string;
}

function startCollector(): Promise<{ server: Server; url: string; received: Received[] }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  return new Promise((done) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      done({ server, url: `http://127.0.0.1:${port}`, received });
    }),
  );
}

/** Sample lines of one metric: labels and value. */
function samples(text: string, name: string): { labels: string; value: number }[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .map((line) => {
      const match = /^[^{ ]+(?:\{(.*)\})? (\S+)$/.exec(line)!;
      return { labels: match[1] ?? '', value: Number(match[2]) };
    });
}

const sum = (list: { value: number }[]) => list.reduce((total, s) => total + s.value, 0);

interface OtlpSpan {
  name: string;
  spanId: string;
  parentSpanId?: string;
  traceId: string;
  kind: number;
}

function spansOf(received: Received[]): OtlpSpan[] {
  return received
    .filter((r) => r.path === '/v1/traces')
    .flatMap((r) => {
      const body = JSON.parse(r.body) as {
        resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[];
      };
      return body.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans));
    });
}

describe('telemetry', () => {
  let s: DemoSession;
  let telemetry: Telemetry;
  let collector: Awaited<ReturnType<typeof startCollector>>;

  beforeAll(async () => {
    collector = await startCollector();
    telemetry = await startTelemetry({
      metricsPort: 0,
      otlpEndpoint: collector.url,
      // Metrics reach the collector when flushed, not on a timer during the test.
      otlpMetricsIntervalMs: 3_600_000,
    });
    s = await startDemoHarness({ telemetry });
  });
  afterAll(async () => {
    await s?.h.close();
    await telemetry?.shutdown();
    await new Promise<void>((done) => collector?.server.close(() => done()));
  });

  const scrape = async () => {
    const res = await fetch(telemetry.metricsUrl!);
    expect(res.status).toBe(200);
    return res.text();
  };

  it("counts a page load's ARM requests as local Azure does, and times HTTP requests", async () => {
    const before = await scrape();
    s.h.azure.emulator.control.resetCounters();
    // The Tokens page, opened from the registries list: who am I, the registries, the overview.
    for (const path of [apiPaths.me, apiPaths.registries, apiPaths.overview(s.r)]) {
      expect((await s.h.get(path, s.reviewer)).status).toBe(200);
    }
    const emulator = s.h.azure.emulator.control.counters();
    const after = await scrape();

    const arm = (text: string) => samples(text, 'latchkey_arm_requests_total');
    expect(emulator.total).toBeGreaterThan(3);
    expect(sum(arm(after)) - sum(arm(before))).toBe(emulator.total);
    // Per operation too, for the lists the overview walks.
    const tokensList = (text: string) =>
      sum(arm(text).filter((x) => x.labels.includes('operation="Tokens_List"')));
    expect(tokensList(after) - tokensList(before)).toBe(emulator.byOperation.Tokens_List);

    const overviewCount = samples(after, 'http_server_request_duration_count').filter((x) =>
      x.labels.includes(
        'http_route="/api/registries/{subscriptionId}/{resourceGroup}/{registryName}/overview"',
      ),
    );
    expect(sum(overviewCount)).toBe(1);
    expect(after).toContain('# TYPE http_server_request_duration histogram');
    expect(samples(after, 'http_server_request_duration_bucket').length).toBeGreaterThan(0);
    expect(after).toContain('# TYPE latchkey_arm_request_duration histogram');
  });

  it('exports spans (ARM calls as children of their request) and metrics with no secret in them', async () => {
    const generated = await s.h.post(apiPaths.tokenPasswords(s.r, 'line1-hmi'), {
      cookie: s.admin,
      body: { slot: 'password2' },
    });
    expect(generated.status).toBe(200);
    const password = credentialResultSchema.parse(await generated.json()).credentials.passwords[0]!
      .value;
    expect(password.length).toBeGreaterThan(10);

    await telemetry.flush();
    const spans = spansOf(collector.received);
    const request = spans.find(
      (x) =>
        x.name ===
        'POST /api/registries/{subscriptionId}/{resourceGroup}/{registryName}/tokens/{name}/passwords',
    );
    expect(request).toBeDefined();
    const children = spans.filter((x) => x.parentSpanId === request!.spanId).map((x) => x.name);
    expect(children).toContain('ARM Registries_GenerateCredentials');
    expect(spans.filter((x) => x.traceId === request!.traceId).length).toBe(children.length + 1);
    expect(collector.received.some((r) => r.path === '/v1/metrics')).toBe(true);

    const exported = [...collector.received.map((r) => r.body), await scrape()].join('\n');
    expect(exported).toContain('latchkey.arm.requests');
    const cookieValues = [s.admin, s.reviewer].map((c) => c.split('=')[1]!);
    for (const secret of [password, ...cookieValues]) {
      expect(exported.includes(secret), 'a secret reached the exported telemetry').toBe(false);
    }
  });
});
