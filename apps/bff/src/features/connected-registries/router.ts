import { Router, type Request } from 'express';
import { z } from 'zod/mini';
import type { TokenCredential } from '@azure/core-auth';
import {
  connectionStringRequestSchema,
  createConnectedRegistrySchema,
  deleteConnectedRegistrySchema,
  deactivateSchema,
  nameSchema,
  registryPathSchema,
  updateClientTokensSchema,
  updateSyncedRepositoriesSchema,
} from '@latchkey/domain';
import type { ArmSettings } from '../../arm/client';
import { ConnectedRegistryWriter } from '../../arm/connected-registry-writer';
import { RegistryReader } from '../../arm/reader';
import { RegistryWriter } from '../../arm/writer';
import { requirePermission } from '../../auth/session';
import { parseInput } from '../../http/validation';
import type { AdminChangeDeps } from '../shared/admin-deps';
import { ConnectedRegistryAdminService } from './service';

/**
 * What a connected-registry admin request needs, built per request by
 * createApp: the admin change's dependencies, with the ARM settings and the
 * person's credential its reader and writers are made from.
 */
export interface ConnectedRegistryAdminContext extends Omit<AdminChangeDeps, 'reader'> {
  arm: ArmSettings;
  credential: TokenCredential;
}

const connectedRegistryName = (req: Request) =>
  parseInput(z.object({ name: nameSchema('connectedRegistry') }), { name: req.params.name }).name;

/** Connected-registry admin routes (create, delete, client tokens, synced repositories, connection string, deactivate). */
export function connectedRegistryAdminRouter(
  context: (req: Request) => ConnectedRegistryAdminContext,
): Router {
  const router = Router();
  const base =
    '/registries/:subscriptionId/:resourceGroup/:registryName/connected-registries/:name';
  const write = requirePermission('connectedRegistry.write');
  // A connection string carries a new sync token password: the same gate as any password.
  // (the service draws on the per-person credential budget just before Azure mints it)
  const credentials = [requirePermission('token.credentials.generate')];
  const ref = (req: Request) => parseInput(registryPathSchema, req.params);
  const service = (req: Request) => {
    const { arm, credential, ...change } = context(req);
    return new ConnectedRegistryAdminService({
      reader: new RegistryReader(arm, credential),
      writer: new ConnectedRegistryWriter(arm, credential),
      registryWriter: new RegistryWriter(arm, credential),
      ...change,
    });
  };

  const collection =
    '/registries/:subscriptionId/:resourceGroup/:registryName/connected-registries';
  router.post(collection, write, async (req, res) => {
    const body = parseInput(createConnectedRegistrySchema, req.body);
    res.status(201).json(await service(req).create(ref(req), body));
  });
  router.delete(base, write, async (req, res) => {
    const body = parseInput(deleteConnectedRegistrySchema, req.body ?? {});
    res.json(await service(req).delete(ref(req), connectedRegistryName(req), body));
  });
  router.post(`${base}/client-tokens`, write, async (req, res) => {
    const body = parseInput(updateClientTokensSchema, req.body);
    res.json(await service(req).updateClientTokens(ref(req), connectedRegistryName(req), body));
  });
  router.post(`${base}/synced-repositories`, write, async (req, res) => {
    const body = parseInput(updateSyncedRepositoriesSchema, req.body);
    res.json(
      await service(req).updateSyncedRepositories(ref(req), connectedRegistryName(req), body),
    );
  });
  router.post(`${base}/connection-string`, write, ...credentials, async (req, res) => {
    const body = parseInput(connectionStringRequestSchema, req.body);
    res.json(await service(req).connectionString(ref(req), connectedRegistryName(req), body));
  });
  router.post(`${base}/deactivate`, write, async (req, res) => {
    const body = parseInput(deactivateSchema, req.body);
    res.json(await service(req).deactivate(ref(req), connectedRegistryName(req), body));
  });
  return router;
}
