import { Router, type Request } from 'express';
import { z } from 'zod/mini';
import { nameSchema, registryPathSchema, type RegistryPath } from '@latchkey/domain';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import { respondStreamed } from './overview-stream';
import type { RegistriesService } from './service';

/**
 * `Cache-Control: no-cache` asks for a read from ARM now instead of the shared
 * snapshot, except on a conditional request: fetch adds `no-cache` itself
 * whenever a page sets If-None-Match, and a poll must not cost a full read.
 */
const fresh = (req: Request) => ({
  fresh:
    !req.get('if-none-match') && /(^|,)\s*no-cache\s*(,|$)/i.test(req.get('cache-control') ?? ''),
});
/** Whether If-None-Match names `etag` (a list, or `*`; weak tags compare by their value). */
const ifNoneMatch = (req: Request, etag: string) =>
  (req.get('if-none-match') ?? '')
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
const registryParams = (req: Request): RegistryPath => parseInput(registryPathSchema, req.params);
const named = (kind: 'token' | 'scopeMap' | 'connectedRegistry', req: Request) =>
  parseInput(z.object({ name: nameSchema(kind) }), { name: req.params.name }).name;

/** Read routes: validate, authorize, call the service. Nothing else lives here. */
export function registriesRouter(service: (req: Request) => RegistriesService): Router {
  const router = Router();
  const read = requirePermission('registry.read');
  const base = '/registries/:subscriptionId/:resourceGroup/:registryName';

  router.get('/registries', read, async (req, res) => {
    res.json(await service(req).listRegistries());
  });
  router.get(`${base}/overview`, read, async (req, res) => {
    const { body, ageSeconds, etag } = await service(req).taggedOverview(
      registryParams(req),
      fresh(req),
    );
    if (etag) res.setHeader('ETag', etag);
    // The snapshot's age travels beside the tag: a 304 keeps the lists, not the age.
    if (ageSeconds !== null) res.setHeader('Age', String(ageSeconds));
    if (etag && ifNoneMatch(req, etag)) res.status(304).end();
    else res.type('application/json').send(body());
  });
  router.get(`${base}/overview/runtime`, read, async (req, res) => {
    const { runtime, etag } = await service(req).runtime(registryParams(req));
    res.setHeader('ETag', etag);
    if (ifNoneMatch(req, etag)) res.status(304).end();
    else res.json(runtime);
  });
  router.get(`${base}/overview/stream`, read, async (req, res) => {
    await respondStreamed(req, res, (sink) =>
      service(req).streamOverview(registryParams(req), fresh(req), sink),
    );
  });
  router.get(`${base}/findings`, read, async (req, res) => {
    res.json(await service(req).findings(registryParams(req), fresh(req)));
  });
  router.get(`${base}/tokens/:name`, read, async (req, res) => {
    res.json(await service(req).token(registryParams(req), named('token', req)));
  });
  router.get(`${base}/scope-maps/:name`, read, async (req, res) => {
    res.json(await service(req).scopeMap(registryParams(req), named('scopeMap', req)));
  });
  router.get(`${base}/connected-registries/:name`, read, async (req, res) => {
    res.json(
      await service(req).connectedRegistry(
        registryParams(req),
        named('connectedRegistry', req),
        fresh(req),
      ),
    );
  });
  return router;
}
