import type { Response } from 'express';

/**
 * Writes a body produced in pieces (an export's rows, the report's sections)
 * and ends the response. Each piece is produced only when the previous one
 * was accepted: when the socket (or the compressor in front of it) is full,
 * `write` returns false and the next piece waits for `drain`, so memory holds
 * a few pieces, never the whole document. The first piece is flushed at once
 * through the compression middleware's `res.flush`, so the browser sees the
 * download start before the rest is computed. A client that goes away stops
 * the production. A piece that fails after the first was sent destroys the
 * response (the client sees a cut transfer, never a complete-looking file)
 * and the error goes on to the error handler, which logs it.
 *
 * One `drain` and one `close` listener for the whole response: the
 * compression middleware forwards `res.on('drain')` to its compressor but not
 * `res.off`, so a listener per wait would pile up there.
 */
export async function streamBody(res: Response, chunks: Iterable<string>): Promise<void> {
  let closed = false;
  let wake: (() => void) | undefined;
  const resume = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  res.on('drain', resume);
  res.on('close', () => {
    closed = true;
    resume();
  });
  let first = true;
  try {
    for (const chunk of chunks) {
      if (closed || res.destroyed) return;
      const accepted = res.write(chunk);
      if (first) {
        (res as Response & { flush?: () => void }).flush?.();
        first = false;
      }
      if (!accepted) {
        await new Promise<void>((resolve) => (wake = resolve));
        if (closed) return;
      }
    }
  } catch (error) {
    if (res.headersSent) res.destroy();
    throw error;
  }
  res.end();
}
