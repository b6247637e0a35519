import type { PasswordSlotName, RegistryPath } from '@latchkey/domain';
import { childId } from '@latchkey/domain';
import { ArmWriterBase } from './arm-writer-base';
import { toScopeMapRecord, toTokenRecord, type ScopeMapRecord, type TokenRecord } from './mappers';

/**
 * ARM writes as the signed-in person. Each call waits for its long-running
 * operation to finish and records the `x-ms-request-id` of every response
 * (initial request and status polls) for the audit log.
 */
export class RegistryWriter extends ArmWriterBase {
  async createScopeMap(
    ref: RegistryPath,
    name: string,
    body: { actions: string[]; description?: string },
  ): Promise<ScopeMapRecord> {
    return this.write(`scope map ${name}`, async () => {
      const result = await this.client(ref).scopeMaps.create(
        ref.resourceGroup,
        ref.registryName,
        name,
        { actions: body.actions, ...(body.description ? { description: body.description } : {}) },
        this.options(),
      );
      return toScopeMapRecord(result);
    });
  }

  /** PATCH: `actions` replaces the whole list, as in Azure. */
  async updateScopeMap(
    ref: RegistryPath,
    name: string,
    body: { actions: string[]; description?: string | undefined },
  ): Promise<ScopeMapRecord> {
    return this.patchScopeMap(ref, name, body);
  }

  async deleteScopeMap(ref: RegistryPath, name: string): Promise<void> {
    return this.write(`scope map ${name}`, async () => {
      await this.client(ref).scopeMaps.delete(
        ref.resourceGroup,
        ref.registryName,
        name,
        this.options(),
      );
    });
  }

  async createToken(
    ref: RegistryPath,
    name: string,
    body: { scopeMapName: string; status: 'enabled' | 'disabled' },
  ): Promise<TokenRecord> {
    return this.write(`token ${name}`, async () => {
      const result = await this.client(ref).tokens.create(
        ref.resourceGroup,
        ref.registryName,
        name,
        { scopeMapId: childId(ref, 'scopeMaps', body.scopeMapName), status: body.status },
        this.options(),
      );
      return toTokenRecord(result);
    });
  }

  async setTokenStatus(
    ref: RegistryPath,
    name: string,
    status: 'enabled' | 'disabled',
  ): Promise<TokenRecord> {
    return this.write(`token ${name}`, async () => {
      const result = await this.client(ref).tokens.update(
        ref.resourceGroup,
        ref.registryName,
        name,
        { status },
        this.options(),
      );
      return toTokenRecord(result);
    });
  }

  /** Removes a password by PATCHing the slots to keep, as `az acr token credential delete` does. */
  async keepPasswords(
    ref: RegistryPath,
    name: string,
    keep: PasswordSlotName[],
  ): Promise<TokenRecord> {
    return this.write(`token ${name}`, async () => {
      const result = await this.client(ref).tokens.update(
        ref.resourceGroup,
        ref.registryName,
        name,
        { credentials: { passwords: keep.map((n) => ({ name: n })) } },
        this.options(),
      );
      return toTokenRecord(result);
    });
  }

  async deleteToken(ref: RegistryPath, name: string): Promise<void> {
    return this.write(`token ${name}`, async () => {
      await this.client(ref).tokens.delete(
        ref.resourceGroup,
        ref.registryName,
        name,
        this.options(),
      );
    });
  }

  /**
   * Generates one password slot. The value is returned to the caller only:
   * it is not logged, stored or audited, and it leaves this class in the one
   * response that reveals it.
   */
  async generatePassword(
    ref: RegistryPath,
    tokenName: string,
    slot: PasswordSlotName,
    expiry: Date | undefined,
  ): Promise<{
    username: string;
    password: { name: PasswordSlotName; value: string; expiry?: string };
  }> {
    return this.write(`the passwords of token ${tokenName}`, async () => {
      const result = await this.client(ref).registries.generateCredentials(
        ref.resourceGroup,
        ref.registryName,
        { tokenId: childId(ref, 'tokens', tokenName), name: slot, ...(expiry ? { expiry } : {}) },
        this.options(),
      );
      const generated = result.passwords?.find((p) => p.name === slot);
      if (!generated?.value) {
        throw new Error(`generateCredentials returned no value for ${slot}`);
      }
      return {
        username: result.username ?? tokenName,
        password: {
          name: slot,
          value: generated.value,
          ...(generated.expiry ? { expiry: generated.expiry.toISOString() } : {}),
        },
      };
    });
  }
}
