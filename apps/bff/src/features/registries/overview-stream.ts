import type { Request, Response } from 'express';
import type { OverviewStreamLine, RegistryOverview } from '@latchkey/domain';
import type { ListPage } from '../../arm/reader';
import { toAppError } from '../../http/error-handler';
import { countsOf } from './snapshot-contents';
import type { ServedContents, StreamSink, StreamStart } from './snapshots';

/** What the service tells the writer besides pages: a whole warm overview, or the end of a cold read. */
export interface OverviewSink extends StreamSink {
  whole(overview: RegistryOverview, etag: string | null): void;
  end(served: ServedContents, etag: string | null): void;
}

/** NDJSON rather than server-sent events: see README, "Progressive first load". */
const NDJSON = 'application/x-ndjson; charset=utf-8';

/**
 * Writes the progressive overview (overviewStreamLineSchema), one line per
 * event, each flushed through the compressor so it is on the wire at once.
 * It remembers what it sent of each list, so the end can send only what the
 * final lists hold beyond (or unlike) that: the browser ends with exactly
 * the lists the snapshot holds, whoever's read produced them.
 */
export class OverviewStreamWriter implements OverviewSink {
  private readonly sent: Record<ListPage['list'], unknown[]> = {
    tokens: [],
    scopeMaps: [],
    connectedRegistries: [],
  };
  private began = false;

  constructor(private readonly res: Response) {}

  get started(): boolean {
    return this.began;
  }

  private line(line: OverviewStreamLine): void {
    if (!this.began) {
      this.began = true;
      this.res.status(200).setHeader('Content-Type', NDJSON);
    }
    this.res.write(`${JSON.stringify(line)}\n`);
    (this.res as Response & { flush?: () => void }).flush?.();
  }

  start(start: StreamStart): void {
    this.line({ type: 'start', ...start });
  }

  page(page: ListPage): void {
    const list = this.sent[page.list];
    page.items.forEach((item, i) => (list[page.offset + i] = item));
    this.line({ type: 'page', ...page } as OverviewStreamLine);
  }

  whole(overview: RegistryOverview, etag: string | null): void {
    this.line({ type: 'overview', overview, etag: etag ?? '' });
    this.res.end();
  }

  end(served: ServedContents, etag: string | null): void {
    for (const list of ['tokens', 'scopeMaps', 'connectedRegistries'] as const) {
      const final: unknown[] = served[list];
      const sent = this.sent[list];
      let from = 0;
      while (
        from < final.length &&
        from < sent.length &&
        JSON.stringify(sent[from]) === JSON.stringify(final[from])
      )
        from += 1;
      if (from < final.length)
        this.page({ list, offset: from, items: final.slice(from) } as ListPage);
    }
    this.line({
      type: 'end',
      counts: countsOf(served),
      fetchedAt: new Date(served.readAt).toISOString(),
      ...(etag ? { etag } : {}),
    });
    this.res.end();
  }

  /** A failure after the first line: an error line ends the stream (the status is already sent). */
  fail(error: unknown, req: Request): void {
    const e = toAppError(error);
    req.log.warn({ code: e.code }, `overview stream failed: ${e.message}`);
    this.line({ type: 'error', error: { code: e.code, message: e.message } });
    this.res.end();
  }
}

/** Runs a streamed read; a failure before anything was sent goes to the error handler as usual. */
export async function respondStreamed(
  req: Request,
  res: Response,
  work: (sink: OverviewSink) => Promise<void>,
): Promise<void> {
  const writer = new OverviewStreamWriter(res);
  try {
    await work(writer);
  } catch (error) {
    if (!writer.started) throw error;
    writer.fail(error, req);
  }
}
