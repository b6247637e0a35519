// The OpenAPI description (src/openapi) against the app: every route Express
// registers is described (and nothing else), the document is served without a
// session, every schema in it compiles, and the response checker the API
// harness applies to every answer does refuse what breaks the description.
import type { Express } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@latchkey/domain';
import { openApiDocument, openApiPath } from '../../src/openapi/document';
import { startDemoHarness, type DemoSession } from './harness';
import { checkAgainstOpenApi } from './openapi-validator';

interface Layer {
  route?: { path: string | RegExp | (string | RegExp)[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
  rawPath?: string | RegExp;
  slash?: boolean;
}

/** Every (method, path) Express would route, mounts included (router 2 keeps rawPath). */
function registeredRoutes(app: Express): { method: string; path: string | RegExp }[] {
  const found: { method: string; path: string | RegExp }[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = [layer.route.path].flat();
        for (const method of Object.keys(layer.route.methods)) {
          for (const path of paths) {
            found.push({ method, path: typeof path === 'string' ? prefix + path : path });
          }
        }
      } else if (layer.handle?.stack) {
        const mount = layer.slash || typeof layer.rawPath !== 'string' ? '' : layer.rawPath;
        walk(layer.handle.stack, prefix + mount);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

describe('OpenAPI description', () => {
  let s: DemoSession;
  beforeAll(async () => {
    s = await startDemoHarness();
  });
  afterAll(() => s.h.close());

  it('describes every route Express registers, and only those', () => {
    const document = openApiDocument();
    const registered = registeredRoutes(s.h.app);
    // The SPA's pages (http/spa.ts) are the web app, not the API.
    const spa = registered.filter(
      (r) => r.method === 'get' && (r.path === '/' || r.path instanceof RegExp),
    );
    const api = registered.filter((r) => !spa.includes(r));
    expect(spa.length).toBeGreaterThan(0);
    expect(api.length).toBeGreaterThan(25);
    // The credential budget's middleware routes sit on paths the feature routers register too.
    const keys = new Set(api.map((r) => `${r.method} ${openApiPath(r.path as string)}`));
    const described = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method} ${path}`),
      ),
    );
    expect([...keys].filter((k) => !described.has(k)).sort()).toEqual([]);
    expect([...described].filter((k) => !keys.has(k)).sort()).toEqual([]);
  });

  it('is served at /api/openapi.json without a session', async () => {
    const res = await s.h.get('/api/openapi.json');
    expect(res.status).toBe(200);
    const body = (await res.json()) as ReturnType<typeof openApiDocument>;
    expect(body.openapi).toMatch(/^3\.1\./);
    expect(body).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(Object.keys(body.components.schemas)).toEqual(
      expect.arrayContaining(['TokenDetail', 'CreateTokenRequest', 'ErrorBody', 'AuditPage']),
    );
  });

  it('the checker refuses a body that breaks the schema and an undocumented status', async () => {
    const url = `${s.h.base}${apiPaths.me}`;
    const json = (body: unknown, status = 200) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    const me = (await (await s.h.get(apiPaths.me, s.reviewer)).json()) as Record<string, unknown>;
    await expect(checkAgainstOpenApi('GET', url, json(me))).resolves.toBeUndefined();
    await expect(checkAgainstOpenApi('GET', url, json({ ...me, name: 42 }))).rejects.toThrow(
      /GET \/api\/me → 200 body breaks #\/components\/schemas\/Me/,
    );
    await expect(checkAgainstOpenApi('GET', url, json(me, 201))).rejects.toThrow(
      /201 is not a documented status/,
    );
    await expect(
      checkAgainstOpenApi(
        'GET',
        url,
        new Response('<p>hi</p>', { headers: { 'content-type': 'text/html' } }),
      ),
    ).rejects.toThrow(/answered text\/html/);
    // Errors are one documented shape.
    await expect(
      checkAgainstOpenApi(
        'GET',
        url,
        json({ error: { code: 'no_such_code', message: 'x', requestId: 'r' } }, 401),
      ),
    ).rejects.toThrow(/ErrorBody/);
  });
});
