import type {
  ConnectedRegistryCreateResult,
  ConnectedRegistryDeleteResult,
  ConnectedRegistryMutationResult,
  ConnectionStringResult,
  RegistryPath,
} from '@latchkey/domain';
import { ConnectedRegistryAdminCore, type ConnectedRegistryAdminDeps } from './admin-core';
import { ClientTokenChanges } from './client-tokens';
import { ConnectionStrings, type ConnectionStringBody } from './connection-string';
import { ConnectedRegistryCreation, type CreateConnectedRegistryBody } from './create';
import { ConnectedRegistryDeletion } from './delete';
import { SyncedRepositoryChanges } from './synced-repositories-change';

export type { ConnectedRegistryAdminDeps } from './admin-core';

/**
 * Admin operations on connected registries: each under the locks of what it
 * reads and writes (change-discipline.ts), validated against the current
 * state, applied as a delta onto it, audited, read back. Each concern lives in
 * its own file; this class is the one entry point the router uses.
 */
export class ConnectedRegistryAdminService {
  private readonly c: ConnectedRegistryAdminCore;

  constructor(d: ConnectedRegistryAdminDeps) {
    this.c = new ConnectedRegistryAdminCore(d);
  }

  create(
    ref: RegistryPath,
    body: CreateConnectedRegistryBody,
  ): Promise<ConnectedRegistryCreateResult> {
    return new ConnectedRegistryCreation(this.c).create(ref, body);
  }

  delete(
    ref: RegistryPath,
    name: string,
    body: { cleanup: boolean; confirmName: string },
  ): Promise<ConnectedRegistryDeleteResult> {
    return new ConnectedRegistryDeletion(this.c).delete(ref, name, body);
  }

  updateClientTokens(
    ref: RegistryPath,
    name: string,
    body: { add: string[]; remove: string[] },
  ): Promise<ConnectedRegistryMutationResult> {
    return new ClientTokenChanges(this.c).updateClientTokens(ref, name, body);
  }

  updateSyncedRepositories(
    ref: RegistryPath,
    name: string,
    body: { add: string[]; remove: string[] },
  ): Promise<ConnectedRegistryMutationResult> {
    return new SyncedRepositoryChanges(this.c).updateSyncedRepositories(ref, name, body);
  }

  connectionString(
    ref: RegistryPath,
    name: string,
    body: ConnectionStringBody,
  ): Promise<ConnectionStringResult> {
    return new ConnectionStrings(this.c).connectionString(ref, name, body);
  }

  async deactivate(
    ref: RegistryPath,
    name: string,
    body: { confirmConnectedRegistryName: string },
  ): Promise<ConnectedRegistryMutationResult> {
    return this.c.changes.run([this.c.crId(ref, name)], async (change) => {
      const { cr } = await this.c.load(ref, name);
      this.c.confirm(
        cr,
        body.confirmConnectedRegistryName,
        `Deactivating ${cr.name} marks it as not deployed, so it can be deployed again elsewhere.`,
      );
      const warnings =
        cr.activation === 'Inactive' ? [`${cr.name} was already inactive.`] : ([] as string[]);
      const { result, auditId, notice } = await change.record(
        {
          actor: this.c.d.actor,
          action: 'connectedRegistry.deactivate',
          target: cr.id,
          before: { activation: cr.activation, connectionState: cr.connectionState },
          requestId: this.c.d.requestId,
        },
        this.c.armRequestIds,
        async () => {
          await this.c.d.writer.deactivate(ref, cr.name);
          const view = (await this.c.load(ref, cr.name)).cr;
          return {
            result: view,
            after: { activation: view.activation, connectionState: view.connectionState },
          };
        },
      );
      await this.c.d.snapshot?.(ref, { connectedRegistries: [result] });
      return {
        connectedRegistry: result,
        warnings,
        steps: [{ step: `Deactivate ${cr.name}`, outcome: 'done' as const }],
        auditId,
        ...(notice ? { notice } : {}),
      };
    });
  }
}
