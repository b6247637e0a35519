/**
 * The progressive overview and the light poll through the BFF's HTTP API,
 * against a real local Azure that holds list pages back: rows leave the BFF
 * while ARM still holds the rest, only after the person's own gate, and a
 * poll with If-None-Match costs the gate and a few hundred bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiPaths,
  assembleOverview,
  overviewStreamLineSchema,
  registryOverviewSchema,
  type OverviewStreamLine,
  type RegistryPath,
} from '@latchkey/domain';
import { errorOf, startDemoHarness, type Harness } from './harness';

/** Small pages, so every list of the demo registry spans several. */
const PAGE_SIZE = 5;
const pages = (n: number) => Math.max(1, Math.ceil(n / PAGE_SIZE));
const GATE = { Registries_Get: 1, Tokens_List: 1, ScopeMaps_List: 1, ConnectedRegistries_List: 1 };
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** The BFF's clock: real time plus what a test adds to pass the freshness window. */
let skew = 0;

/** Reads an NDJSON body line by line, as the SPA does. */
function lineReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return async (): Promise<OverviewStreamLine | null> => {
    for (;;) {
      const at = buffer.indexOf('\n');
      if (at >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
        return overviewStreamLineSchema.parse(JSON.parse(line));
      }
      const { value, done } = await reader.read();
      if (done) return null;
      buffer += decoder.decode(value, { stream: true });
    }
  };
}

describe('progressive overview and light poll', () => {
  let h: Harness;
  let r: RegistryPath;
  let admin: string;
  let reviewer: string;
  let sasha: string;
  const stream = (cookie: string, headers: Record<string, string> = {}) =>
    fetch(`${h.base}${apiPaths.overviewStream(r)}`, {
      headers: { cookie, 'accept-encoding': 'br, gzip', ...headers },
    });
  const control = () => h.azure.emulator.control;

  beforeAll(async () => {
    ({ h, r, admin, reviewer } = await startDemoHarness({ now: () => Date.now() + skew }));
    sasha = await h.signIn('Sasha Scoped');
    control().updateSettings({ pageSize: PAGE_SIZE });
  }, 60_000);
  afterAll(async () => {
    control().releasePages();
    await h?.close();
  });

  it('streams the first rows while Azure still holds the later pages, then every row', async () => {
    const data = h.azure.scenario().registries.find((x) => x.name === r.registryName)!;
    const sweep = {
      Registries_Get: 1,
      Tokens_List: pages(data.tokens.length),
      ScopeMaps_List: pages(data.scopeMaps.length + 5),
      ConnectedRegistries_List: pages(data.connectedRegistries.length),
    };
    expect(sweep.Tokens_List).toBeGreaterThan(2);
    control().holdPages(1);
    control().resetCounters();
    const res = await stream(admin);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const next = lineReader(res.body!);

    const start = await next();
    expect(start).toMatchObject({ type: 'start', expected: null });
    const first = await next();
    expect(first).toMatchObject({ type: 'page', list: 'tokens', offset: 0 });
    expect(first?.type === 'page' && first.items).toHaveLength(PAGE_SIZE);
    // The rows are here; Azure still holds the second page of every list.
    for (let i = 0; i < 300 && control().heldPages().waiting < 3; i++) await sleep(10);
    expect(control().heldPages().waiting).toBe(3);
    expect(control().counters().byOperation).toEqual(GATE);

    control().releasePages();
    const lines: OverviewStreamLine[] = [start!, first!];
    for (let line = await next(); line; line = await next()) lines.push(line);
    const end = lines.at(-1)!;
    expect(end.type).toBe('end');
    // The gate's first pages are the sweep's: a cold stream costs a full read, no more.
    expect(control().counters().byOperation).toEqual(sweep);

    const lists = {
      tokens: [] as unknown[],
      scopeMaps: [] as unknown[],
      connectedRegistries: [] as unknown[],
    };
    for (const line of lines)
      if (line.type === 'page')
        line.items.forEach((item, i) => (lists[line.list][line.offset + i] = item));
    if (end.type !== 'end' || start?.type !== 'start') throw new Error('unexpected lines');
    expect(end.counts).toEqual({
      tokens: data.tokens.length,
      scopeMaps: data.scopeMaps.length + 5,
      connectedRegistries: data.connectedRegistries.length,
    });
    const streamed = assembleOverview({
      registry: start.registry,
      tokens: lists.tokens.slice(0, end.counts.tokens) as never,
      scopeMaps: lists.scopeMaps.slice(0, end.counts.scopeMaps) as never,
      connectedRegistries: lists.connectedRegistries.slice(
        0,
        end.counts.connectedRegistries,
      ) as never,
      fetchedAt: end.fetchedAt,
    });
    // What the stream assembles is what the (now warm) overview serves.
    const res2 = await h.get(apiPaths.overview(r), admin);
    const whole = registryOverviewSchema.parse(await res2.json());
    const { snapshot: _snapshot, ...rest } = whole;
    expect(streamed).toEqual(rest);
    expect(res2.headers.get('etag')).toBe(end.etag);
  });

  it('answers a warm snapshot whole in one line, for the gate alone', async () => {
    control().resetCounters();
    const res = await stream(reviewer);
    expect(res.status).toBe(200);
    const next = lineReader(res.body!);
    const line = await next();
    expect(line?.type).toBe('overview');
    expect(await next()).toBeNull();
    expect(control().counters()).toEqual({ total: 4, byOperation: GATE });
  });

  it('refuses a person whose role cannot list tokens before any row leaves, warm or cold', async () => {
    for (const headers of [{}, { 'cache-control': 'no-cache' }] as Array<Record<string, string>>) {
      const res = await stream(sasha, headers);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.text();
      expect((await errorOf(new Response(text))).code).toBe('azure_forbidden');
      expect(text).not.toContain('ci-pipeline');
    }
  });

  it('polls with If-None-Match: 304 for the gate alone, a new tag after a change', async () => {
    const first = await h.get(apiPaths.overview(r), admin);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"\d+-\d+"$/);
    await first.text();

    control().resetCounters();
    // As a browser sends it: fetch adds Cache-Control: no-cache to a conditional request.
    const poll = await fetch(`${h.base}${apiPaths.overview(r)}`, {
      headers: { cookie: admin, 'if-none-match': etag, 'cache-control': 'no-cache' },
    });
    expect(poll.status).toBe(304);
    expect(await poll.text()).toBe('');
    expect(poll.headers.get('etag')).toBe(etag);
    expect(Number(poll.headers.get('age'))).toBeGreaterThanOrEqual(0);
    // The gate runs on every poll: 4 ARM requests, whatever the registry's size.
    expect(control().counters()).toEqual({ total: 4, byOperation: GATE });

    // Past the freshness window a refresh runs; finding nothing new, it keeps the tag.
    skew += 31_000;
    const stale = await fetch(`${h.base}${apiPaths.overview(r)}`, {
      headers: { cookie: admin, 'if-none-match': etag },
    });
    expect(stale.status).toBe(304);
    await h.snapshots.settled();
    const refreshed = await fetch(`${h.base}${apiPaths.overview(r)}`, {
      headers: { cookie: admin, 'if-none-match': etag },
    });
    expect(refreshed.status).toBe(304);
    expect(Number(refreshed.headers.get('age'))).toBeLessThan(31);

    // Someone refused gets the refusal, not a 304 that would tell them the registry is unchanged.
    const refused = await fetch(`${h.base}${apiPaths.overview(r)}`, {
      headers: { cookie: sasha, 'if-none-match': etag },
    });
    expect(refused.status).toBe(403);

    const change = await h.send('PATCH', apiPaths.tokenResource(r, 'ci-pipeline'), {
      cookie: admin,
      body: { status: 'disabled' },
    });
    expect(change.status).toBe(200);
    const after = await fetch(`${h.base}${apiPaths.overview(r)}`, {
      headers: { cookie: admin, 'if-none-match': etag },
    });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const changed = registryOverviewSchema.parse(await after.json());
    expect(changed.tokens.find((t) => t.name === 'ci-pipeline')?.status).toBe('disabled');
    await h.send('PATCH', apiPaths.tokenResource(r, 'ci-pipeline'), {
      cookie: admin,
      body: { status: 'enabled' },
    });
  });
});
