import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrotliDecompress } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCompression } from './compression';
import { streamBody } from './stream-body';

// Real HTTP through the compression middleware: a body far larger than the
// socket and compressor buffers (so `write` says "wait" many times), and one
// whose production fails half-way.
const PIECES = 400;
const piece = (i: number) => `${String(i).padStart(6, '0')} ${'row,'.repeat(2500)}\n`;
let produced = 0;
let server: Server;
let base: string;

beforeAll(async () => {
  const app = express();
  app.use(responseCompression([]));
  app.get('/big', async (_req, res) => {
    res.type('text/csv');
    await streamBody(
      res,
      (function* () {
        for (let i = 0; i < PIECES; i++) {
          produced = i + 1;
          yield piece(i);
        }
      })(),
    );
  });
  app.get('/fails', async (_req, res) => {
    res.type('text/csv');
    await streamBody(
      res,
      (function* () {
        yield piece(0);
        throw new Error('the engine failed');
      })(),
    );
  });
  app.use((_error: unknown, _req: express.Request, res: express.Response, next: () => void) => {
    if (res.headersSent) return;
    next();
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** The decoded body, and how many pieces the server had produced when the first bytes arrived. */
function get(path: string): Promise<{ text: string; producedAtFirstBytes: number }> {
  return new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers: { 'accept-encoding': 'br' } }, (res) => {
      let producedAtFirstBytes = -1;
      let text = '';
      const decoded = res.pipe(createBrotliDecompress());
      res.on('data', () => {
        if (producedAtFirstBytes < 0) producedAtFirstBytes = produced;
      });
      res.on('aborted', () => reject(new Error('aborted')));
      res.on('error', reject);
      decoded.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      decoded.on('end', () => resolve({ text, producedAtFirstBytes }));
      decoded.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

describe('a body written in pieces', () => {
  it('arrives whole and in order, its first bytes before the last piece is produced', async () => {
    const { text, producedAtFirstBytes } = await get('/big');
    expect(text).toBe(Array.from({ length: PIECES }, (_, i) => piece(i)).join(''));
    expect(producedAtFirstBytes).toBeGreaterThan(0);
    expect(producedAtFirstBytes).toBeLessThan(PIECES);
  });

  it('is cut off, not ended as if complete, when a piece fails after the first was sent', async () => {
    await expect(get('/fails')).rejects.toThrow();
  });
});
