import type { Response } from 'express';

/**
 * Writes a body produced in pieces (an export's rows, the report's sections)
 * and ends the response. Each piece is produced only when the previous one
 * was accepted: when the socket (or the compressor in front of it) is full,
 * `write` returns false and the next piece waits for `drain`, so memory holds
 * a few pieces, never the whole document. The first piece is flushed at once
 * through the compression middleware's `res.flush`, so the browser sees the
 * download start before the rest is computed. A client that goes away stops
 * the production.
 */
export async function streamBody(res: Response, chunks: Iterable<string>): Promise<void> {
  let first = true;
  for (const chunk of chunks) {
    if (res.destroyed) return;
    const accepted = res.write(chunk);
    if (first) {
      (res as Response & { flush?: () => void }).flush?.();
      first = false;
    }
    if (!accepted && !(await drained(res))) return;
  }
  res.end();
}

/** True once the response can take more, false when it closed first. */
function drained(res: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = done(true);
    const onClose = done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}
