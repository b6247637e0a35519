import {
  assembleOverview,
  overviewStreamLineSchema,
  type ConnectedRegistryView,
  type OverviewCounts,
  type OverviewStreamLine,
  type RegistryOverview,
  type RegistrySummary,
  type ScopeMapRecord,
  type TokenRecord,
} from '@latchkey/domain';
import { ApiError, apiSend } from '../api-client';

/** What a cold read has shown so far: the rows, and how many to expect (null when unknown). */
export interface OverviewProgress {
  overview: RegistryOverview;
  loaded: OverviewCounts;
  expected: OverviewCounts | null;
}

/** Progress is published at most this often: each publish re-renders the grid. */
const PUBLISH_EVERY_MS = 250;

const badLine = () =>
  new ApiError({
    status: 200,
    code: 'bad_response',
    message: 'The server answered in a shape this console does not understand.',
  });

/** The lines of an NDJSON body as they arrive. */
async function* linesOf(body: ReadableStream<Uint8Array>): AsyncGenerator<OverviewStreamLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += decoder.decode(value, { stream: !done });
    let at: number;
    while ((at = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, at);
      buffer = buffer.slice(at + 1);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw badLine();
      }
      const parsed = overviewStreamLineSchema.safeParse(json);
      if (!parsed.success) throw badLine();
      yield parsed.data;
    }
    if (done) return;
  }
}

/**
 * Reads the progressive overview (GET …/overview/stream): a warm snapshot
 * comes whole; a cold read comes as rows per ARM page, reported through
 * `onProgress` (first rows at once, then at most every 250 ms) until the end
 * line says how long each list is. Resolves with the whole overview and its ETag.
 */
export async function readOverviewStream(
  path: string,
  options: { signal?: AbortSignal | undefined; headers?: Record<string, string> },
  onProgress: (progress: OverviewProgress) => void,
): Promise<{ overview: RegistryOverview; etag: string | null }> {
  const response = await apiSend(path, {
    signal: options.signal,
    headers: { ...options.headers, accept: 'application/x-ndjson' },
  });
  if (!response.body) throw badLine();
  let registry: RegistrySummary | undefined;
  let expected: OverviewCounts | null = null;
  const lists = {
    tokens: [] as TokenRecord[],
    scopeMaps: [] as ScopeMapRecord[],
    connectedRegistries: [] as ConnectedRegistryView[],
  };
  let lastPublished = 0;
  const publish = (force: boolean) => {
    const now = Date.now();
    if (!registry || (!force && now - lastPublished < PUBLISH_EVERY_MS)) return;
    lastPublished = now;
    const rows = {
      tokens: lists.tokens.filter(Boolean),
      scopeMaps: lists.scopeMaps.filter(Boolean),
      connectedRegistries: lists.connectedRegistries.filter(Boolean),
    };
    onProgress({
      overview: assembleOverview({ registry, ...rows, fetchedAt: new Date(now).toISOString() }),
      loaded: {
        tokens: rows.tokens.length,
        scopeMaps: rows.scopeMaps.length,
        connectedRegistries: rows.connectedRegistries.length,
      },
      expected,
    });
  };

  for await (const line of linesOf(response.body)) {
    switch (line.type) {
      case 'overview':
        return { overview: line.overview, etag: line.etag || null };
      case 'start':
        registry = line.registry;
        expected = line.expected;
        break;
      case 'page': {
        const list: unknown[] = lists[line.list];
        line.items.forEach((item, i) => (list[line.offset + i] = item));
        // First pages (they come together, from the gate) show at once; later ones at the publishing pace.
        publish(line.offset === 0);
        break;
      }
      case 'error':
        throw new ApiError({
          status: 200,
          code: line.error.code as ApiError['code'],
          message: line.error.message,
        });
      case 'end': {
        if (!registry) throw badLine();
        return {
          overview: assembleOverview({
            registry,
            tokens: lists.tokens.slice(0, line.counts.tokens),
            scopeMaps: lists.scopeMaps.slice(0, line.counts.scopeMaps),
            connectedRegistries: lists.connectedRegistries.slice(
              0,
              line.counts.connectedRegistries,
            ),
            fetchedAt: line.fetchedAt,
          }),
          etag: line.etag ?? null,
        };
      }
    }
  }
  throw new ApiError({
    status: 200,
    code: 'network',
    message:
      'The connection to the console server ended before the registry was read in full. Try again.',
  });
}
