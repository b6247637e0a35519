import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrotliDecompress } from 'node:zlib';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseCompression } from './compression';

// A response written in parts (an export, a progressive read) must reach the
// client part by part through the compressor: the handler below sends its
// second part only after the client has decoded the first.
let server: Server;
let base: string;
let releaseSecondPart: () => void = () => {};

beforeAll(async () => {
  const app = express();
  app.use(responseCompression([]));
  app.get('/stream', (_req, res) => {
    res.type('application/x-ndjson');
    res.write(`${JSON.stringify({ part: 1, rows: 'x'.repeat(2048) })}\n`);
    res.flush();
    releaseSecondPart = () => res.end(`${JSON.stringify({ part: 2 })}\n`);
  });
  server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('a streamed response through compression', () => {
  it('arrives part by part, brotli-encoded and chunked, when the handler flushes', async () => {
    // Without the flush the first part waits in the compressor, the server never
    // sends the second, and this times out.
    const { headers, lines } = await new Promise<{
      headers: IncomingHttpHeaders;
      lines: string[];
    }>((resolve, reject) => {
      request(`${base}/stream`, { headers: { 'accept-encoding': 'br' } }, (res) => {
        const decoded = res.pipe(createBrotliDecompress());
        const seen: string[] = [];
        let text = '';
        decoded.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          const complete = text.split('\n').slice(0, -1);
          for (const line of complete.slice(seen.length)) {
            seen.push(line);
            // The server holds its second part until this first one is decoded here.
            if (seen.length === 1) releaseSecondPart();
          }
        });
        decoded.on('end', () => resolve({ headers: res.headers, lines: seen }));
        decoded.on('error', reject);
      })
        .on('error', reject)
        .end();
    });
    expect(headers['content-encoding']).toBe('br');
    expect(headers['transfer-encoding']).toBe('chunked');
    expect(headers['content-length']).toBeUndefined();
    expect(lines.map((l) => (JSON.parse(l) as { part: number }).part)).toEqual([1, 2]);
  }, 5_000);
});
