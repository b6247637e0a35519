import type { ConnectedRegistryView, RegistryPath, RegistrySummary } from '@latchkey/domain';
import { childId } from '@latchkey/domain';
import { ArmWriterBase } from './arm-writer-base';
import { toConnectedRegistryView, toRegistrySummary, type ScopeMapRecord } from './mappers';

/**
 * ARM writes on connected registries and their sync scope maps, as the
 * signed-in person. Like RegistryWriter, every call waits for its long-running
 * operation and records the `x-ms-request-id` of every response; the id list
 * can be shared with a RegistryWriter so one audit record lists both.
 */
export class ConnectedRegistryWriter extends ArmWriterBase {
  /**
   * Replaces the client token list. Only `clientTokenIds` is sent: mode,
   * parent and sync token are not patchable, and sending other fields would
   * overwrite settings the person did not touch.
   */
  async setClientTokens(
    ref: RegistryPath,
    name: string,
    tokenNames: string[],
  ): Promise<ConnectedRegistryView> {
    return this.write(`connected registry ${name}`, async () => {
      const result = await this.client(ref).connectedRegistries.update(
        ref.resourceGroup,
        ref.registryName,
        name,
        { clientTokenIds: tokenNames.map((t) => childId(ref, 'tokens', t)) },
        this.options(),
      );
      return toConnectedRegistryView(result);
    });
  }

  /** PATCH replaces the whole action list (reference §2.4), so callers send the full new list. */
  async setScopeMapActions(
    ref: RegistryPath,
    name: string,
    actions: string[],
  ): Promise<ScopeMapRecord> {
    return this.patchScopeMap(ref, name, { actions });
  }

  async deactivate(ref: RegistryPath, name: string): Promise<void> {
    return this.write(`connected registry ${name}`, async () => {
      await this.client(ref).connectedRegistries.deactivate(
        ref.resourceGroup,
        ref.registryName,
        name,
        this.options(),
      );
    });
  }

  /** PUT of a new connected registry (mode, parent and sync token are fixed from then on). */
  async createConnectedRegistry(
    ref: RegistryPath,
    name: string,
    body: {
      mode: 'ReadOnly' | 'ReadWrite';
      parentName: string | null;
      syncTokenName: string;
      schedule: string;
      syncWindow?: string | undefined;
      messageTtl: string;
      logLevel: string;
      clientTokenNames?: string[] | undefined;
    },
  ): Promise<ConnectedRegistryView> {
    return this.write(`connected registry ${name}`, async () => {
      const result = await this.client(ref).connectedRegistries.create(
        ref.resourceGroup,
        ref.registryName,
        name,
        {
          mode: body.mode,
          parent: {
            ...(body.parentName
              ? { id: childId(ref, 'connectedRegistries', body.parentName) }
              : {}),
            syncProperties: {
              tokenId: childId(ref, 'tokens', body.syncTokenName),
              schedule: body.schedule,
              messageTtl: body.messageTtl,
              ...(body.syncWindow ? { syncWindow: body.syncWindow } : {}),
            },
          },
          ...(body.clientTokenNames?.length
            ? { clientTokenIds: body.clientTokenNames.map((t) => childId(ref, 'tokens', t)) }
            : {}),
          logging: { logLevel: body.logLevel as 'Information', auditLogStatus: 'Disabled' },
        },
        this.options(),
      );
      return toConnectedRegistryView(result);
    });
  }

  async deleteConnectedRegistry(ref: RegistryPath, name: string): Promise<void> {
    return this.write(`connected registry ${name}`, async () => {
      await this.client(ref).connectedRegistries.delete(
        ref.resourceGroup,
        ref.registryName,
        name,
        this.options(),
      );
    });
  }

  /** Registry PATCH of `dataEndpointEnabled` only (what the CLI does before creating a connected registry). */
  async setDataEndpoint(ref: RegistryPath, enabled: boolean): Promise<RegistrySummary> {
    return this.write(`registry ${ref.registryName}`, async () => {
      const result = await this.client(ref).registries.update(
        ref.resourceGroup,
        ref.registryName,
        { dataEndpointEnabled: enabled },
        this.options(),
      );
      return toRegistrySummary(result);
    });
  }
}
