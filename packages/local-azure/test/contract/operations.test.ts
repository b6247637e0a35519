/**
 * Every operation of the reference table through the real SDK, on the empty
 * scenario (one Premium registry, data endpoint off).
 */
import type { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collect,
  connectedRegistryId,
  POLL,
  REG,
  REGISTRY_ID,
  RG,
  scopeMapId,
  sdk,
  startHarness,
  SUB,
  tokenId,
  FROZEN_AT,
  type Harness,
} from './stack';
import { REGISTRY_API_VERSIONS } from '../../src/arm/api-versions';

// Every api-version the emulator accepts, the ones the az CLI 2.45 sends included.
describe.each(REGISTRY_API_VERSIONS)(
  'ARM operations through @azure/arm-containerregistry 12 on %s',
  (apiVersion) => {
    let h: Harness;
    let client: ContainerRegistryManagementClient;

    beforeAll(async () => {
      h = await startHarness({ scenario: 'empty' });
      client = sdk(h, h.writer, { apiVersion });
    });
    afterAll(async () => h?.close());

    it('gets and lists registries, and turns the data endpoint on (201 + async operation)', async () => {
      const reg = await client.registries.get(RG, REG);
      expect(reg).toMatchObject({
        id: REGISTRY_ID,
        name: REG,
        type: 'Microsoft.ContainerRegistry/registries',
        location: 'westeurope',
      });
      expect(reg.sku.name).toBe('Premium');
      expect(reg.dataEndpointEnabled).toBe(false);
      expect(reg.dataEndpointHostNames).toEqual([]);
      expect(reg.loginServer).toBe(`${REG}.azurecr.io`);

      const all = await collect(client.registries.list());
      expect(all.map((r) => r.id)).toContain(REGISTRY_ID);
      const inGroup = await collect(client.registries.listByResourceGroup(RG));
      expect(inGroup.map((r) => r.name)).toEqual([REG]);

      const updated = await client.registries.update(RG, REG, { dataEndpointEnabled: true }, POLL);
      expect(updated.dataEndpointEnabled).toBe(true);
      expect(updated.provisioningState).toBe('Succeeded');
      expect(updated.dataEndpointHostNames).toEqual([`${REG}.westeurope.data.azurecr.io`]);
      expect(
        h.emulator.control.counters().byOperation.OperationStatuses_Get,
      ).toBeGreaterThanOrEqual(1);
    });

    it('lists the five read-only system scope maps and does scope map CRUD', async () => {
      const maps = await collect(client.scopeMaps.list(RG, REG));
      const system = maps
        .filter((m) => m.typePropertiesType === 'SystemDefined')
        .map((m) => m.name);
      expect(system).toEqual([
        '_repositories_pull',
        '_repositories_pull_metadata_read',
        '_repositories_push',
        '_repositories_push_metadata_write',
        '_repositories_admin',
      ]);
      const created = await client.scopeMaps.create(
        RG,
        REG,
        'app-pull',
        {
          description: 'pull apps',
          actions: ['repositories/Apps/*/content/read', 'repositories/apps/web/metadata/read'],
        },
        POLL,
      );
      expect(created).toMatchObject({
        id: scopeMapId('app-pull'),
        name: 'app-pull',
        type: 'Microsoft.ContainerRegistry/registries/scopeMaps',
        typePropertiesType: 'UserDefined',
        provisioningState: 'Succeeded',
        actions: ['repositories/apps/*/content/read', 'repositories/apps/web/metadata/read'],
      });
      expect(created.creationDate?.toISOString()).toBe(FROZEN_AT.toISOString());
      expect(created.systemData?.createdAt?.toISOString()).toBe(FROZEN_AT.toISOString());
      expect(created.systemData?.createdByType).toBe('User');

      // Names match case-insensitively; the stored casing comes back.
      const got = await client.scopeMaps.get(RG, REG.toUpperCase(), 'APP-PULL');
      expect(got.name).toBe('app-pull');

      const patched = await client.scopeMaps.update(
        RG,
        REG,
        'app-pull',
        { actions: ['repositories/apps/*/content/read'] },
        POLL,
      );
      expect(patched.actions).toEqual(['repositories/apps/*/content/read']);
      expect(patched.description).toBe('pull apps');

      await client.scopeMaps.create(
        RG,
        REG,
        'to-delete',
        { actions: ['repositories/x/content/read'] },
        POLL,
      );
      await client.scopeMaps.delete(RG, REG, 'to-delete', POLL);
      await expect(client.scopeMaps.get(RG, REG, 'to-delete')).rejects.toMatchObject({
        statusCode: 404,
        code: 'ResourceNotFound',
      });
    });

    it('does token CRUD without ever returning a password value', async () => {
      const created = await client.tokens.create(
        RG,
        REG,
        'ci-pull',
        { scopeMapId: scopeMapId('app-pull'), status: 'enabled' },
        POLL,
      );
      expect(created).toMatchObject({
        id: tokenId('ci-pull'),
        name: 'ci-pull',
        type: 'Microsoft.ContainerRegistry/registries/tokens',
        provisioningState: 'Succeeded',
        scopeMapId: scopeMapId('app-pull'),
        status: 'enabled',
      });
      expect(created.credentials?.passwords).toEqual([]);

      const generated = await client.registries.generateCredentials(
        RG,
        REG,
        { tokenId: tokenId('ci-pull') },
        POLL,
      );
      expect(generated.username).toBe('ci-pull');
      expect(generated.passwords?.map((p) => p.name)).toEqual(['password1', 'password2']);
      for (const p of generated.passwords ?? []) {
        expect(p.value).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
        expect(p.creationTime?.toISOString()).toBe(FROZEN_AT.toISOString());
      }
      expect(generated.passwords?.[0]?.value).not.toBe(generated.passwords?.[1]?.value);

      const expiry = new Date(FROZEN_AT.getTime() + 30 * 86_400_000);
      const one = await client.registries.generateCredentials(
        RG,
        REG,
        { tokenId: tokenId('ci-pull'), name: 'password2', expiry },
        POLL,
      );
      expect(one.passwords?.map((p) => p.name)).toEqual(['password2']);
      expect(one.passwords?.[0]?.expiry?.toISOString()).toBe(expiry.toISOString());

      const got = await client.tokens.get(RG, REG, 'ci-pull');
      expect(got.credentials?.passwords?.map((p) => p.name)).toEqual(['password1', 'password2']);
      expect(got.credentials?.passwords?.every((p) => p.value === undefined)).toBe(true);
      const listed = await collect(client.tokens.list(RG, REG));
      expect(
        listed.flatMap((t) => t.credentials?.passwords ?? []).every((p) => p.value === undefined),
      ).toBe(true);

      // Removing a password: PATCH the names to keep.
      const kept = await client.tokens.update(
        RG,
        REG,
        'ci-pull',
        { credentials: { passwords: [{ name: 'password2' }] } },
        POLL,
      );
      expect(kept.credentials?.passwords?.map((p) => p.name)).toEqual(['password2']);
      expect(kept.credentials?.passwords?.[0]?.value).toBeUndefined();

      const disabled = await client.tokens.update(RG, REG, 'ci-pull', { status: 'disabled' }, POLL);
      expect(disabled.status).toBe('disabled');
      expect(disabled.scopeMapId).toBe(scopeMapId('app-pull'));

      await client.tokens.create(
        RG,
        REG,
        'doomed-token',
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      );
      await client.tokens.delete(RG, REG, 'doomed-token', POLL);
      await expect(client.tokens.get(RG, REG, 'doomed-token')).rejects.toMatchObject({
        statusCode: 404,
      });
    });

    it('creates, reads, filters, updates, deactivates and deletes connected registries', async () => {
      await client.scopeMaps.create(
        RG,
        REG,
        'edge01-sync',
        {
          actions: [
            'repositories/apps/web/content/read',
            'repositories/apps/web/metadata/read',
            'gateway/edge01/config/read',
            'gateway/edge01/config/write',
            'gateway/edge01/message/read',
            'gateway/edge01/message/write',
          ],
        },
        POLL,
      );
      await client.tokens.create(
        RG,
        REG,
        'edge01-sync',
        { scopeMapId: scopeMapId('edge01-sync') },
        POLL,
      );
      await client.tokens.create(
        RG,
        REG,
        'edge-client',
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      );

      const created = await client.connectedRegistries.create(
        RG,
        REG,
        'edge01',
        {
          mode: 'readwrite' as never,
          parent: {
            syncProperties: {
              tokenId: tokenId('edge01-sync'),
              messageTtl: 'P2D',
              schedule: '* * * * *',
            },
          },
          clientTokenIds: [tokenId('edge-client')],
          logging: { logLevel: 'Information', auditLogStatus: 'Disabled' },
          // 2020-11-01-preview has no notificationsList (it would be an unknown member there).
          ...(apiVersion === '2020-11-01-preview' ? {} : { notificationsList: ['apps/web:*:*'] }),
        },
        POLL,
      );
      expect(created).toMatchObject({
        id: connectedRegistryId('edge01'),
        name: 'edge01',
        type: 'Microsoft.ContainerRegistry/registries/connectedRegistries',
        provisioningState: 'Succeeded',
        mode: 'ReadWrite',
        connectionState: 'Offline',
        activation: { status: 'Inactive' },
        clientTokenIds: [tokenId('edge-client')],
        statusDetails: [],
      });
      expect(created.parent?.id).toBeUndefined();
      expect(created.parent?.syncProperties).toMatchObject({
        tokenId: tokenId('edge01-sync'),
        messageTtl: 'P2D',
        gatewayEndpoint: `${REG}.westeurope.data.azurecr.io`,
      });
      expect(created.version).toBeUndefined();
      expect(created.lastActivityTime).toBeUndefined();

      // A ReadOnly child under edge01 (legacy "Mirror" is ReadOnly).
      await client.tokens.create(
        RG,
        REG,
        'edge02-sync',
        { scopeMapId: scopeMapId('_repositories_pull') },
        POLL,
      );
      const child = await client.connectedRegistries.create(
        RG,
        REG,
        'edge02',
        {
          mode: 'Mirror',
          parent: {
            id: connectedRegistryId('edge01'),
            syncProperties: { tokenId: tokenId('edge02-sync'), messageTtl: 'P1D' },
          },
        },
        POLL,
      );
      expect(child.mode).toBe('ReadOnly');
      expect(child.parent?.id).toBe(connectedRegistryId('edge01'));
      expect(child.clientTokenIds).toBeUndefined();

      const byParent = await collect(
        client.connectedRegistries.list(RG, REG, {
          filter: `parent/id eq '${connectedRegistryId('edge01')}'`,
        }),
      );
      expect(byParent.map((c) => c.name)).toEqual(['edge02']);
      const readWrite = await collect(
        client.connectedRegistries.list(RG, REG, {
          filter: "mode eq 'ReadWrite' and connectionState eq 'Offline'",
        }),
      );
      expect(readWrite.map((c) => c.name)).toEqual(['edge01']);
      await expect(
        collect(client.connectedRegistries.list(RG, REG, { filter: "mode ne 'ReadWrite'" })),
      ).rejects.toMatchObject({ statusCode: 400 });

      const updated = await client.connectedRegistries.update(
        RG,
        REG,
        'edge01',
        {
          syncProperties: { messageTtl: 'P3D', schedule: '0 * * * *', syncWindow: 'PT2H' },
          logging: { logLevel: 'Debug' },
          clientTokenIds: [],
        },
        POLL,
      );
      expect(updated.parent?.syncProperties).toMatchObject({
        messageTtl: 'P3D',
        schedule: '0 * * * *',
        syncWindow: 'PT2H',
        tokenId: tokenId('edge01-sync'),
      });
      expect(updated.logging?.logLevel).toBe('Debug');
      expect(updated.clientTokenIds).toEqual([]);

      await client.connectedRegistries.deactivate(RG, REG, 'edge02', POLL);
      const deactivated = await client.connectedRegistries.get(RG, REG, 'edge02');
      expect(deactivated.activation?.status).toBe('Inactive');

      await client.connectedRegistries.delete(RG, REG, 'edge02', POLL);
      await expect(client.connectedRegistries.get(RG, REG, 'edge02')).rejects.toMatchObject({
        statusCode: 404,
        code: 'ResourceNotFound',
      });
      // Deleting a connected registry keeps its sync token.
      expect((await client.tokens.get(RG, REG, 'edge02-sync')).name).toBe('edge02-sync');
    });

    it('answers 404 the ARM way for a missing registry and a missing resource group', async () => {
      const missing = await client.registries.get(RG, 'nosuchregistry').catch((e: unknown) => e);
      expect(missing).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
      expect((missing as Error).message).toBe(
        `The Resource 'Microsoft.ContainerRegistry/registries/nosuchregistry' under resource group '${RG}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
      );
      await expect(client.tokens.get('rg-nope', REG, 'ci-pull')).rejects.toMatchObject({
        statusCode: 404,
        code: 'ResourceGroupNotFound',
      });
      void SUB;
    });
  },
);
