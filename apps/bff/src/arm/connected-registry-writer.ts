import type { ConnectedRegistryView, RegistryPath } from '@latchkey/domain';
import { childId } from '@latchkey/domain';
import { ArmWriterBase } from './arm-writer-base';
import { toConnectedRegistryView, toScopeMapRecord, type ScopeMapRecord } from './mappers';

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
    return this.write(`scope map ${name}`, async () => {
      const result = await this.client(ref).scopeMaps.update(
        ref.resourceGroup,
        ref.registryName,
        name,
        { actions },
        this.options(),
      );
      return toScopeMapRecord(result);
    });
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
}
