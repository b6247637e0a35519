/**
 * The connection string of a connected registry, as `az acr connected-registry
 * get-settings --generate-password`: a new sync token password, revealed once.
 */
import {
  type ConnectionStringResult,
  type PasswordSlotName,
  type RegistryPath,
} from '@latchkey/domain';
import { AppError, asAppError, withSteps } from '../../http/errors';
import type { LockedChange } from '../shared/change-discipline';
import { slots, type ConnectedRegistryAdminCore } from './admin-core';

const PROPAGATION_SECONDS = 60;
/** What the CLI writes when Azure does not know the parent's endpoint (an on-premises parent). */
const UNKNOWN_PARENT_ENDPOINT = '<parent gateway endpoint>';

export interface ConnectionStringBody {
  slot: PasswordSlotName;
  expiry?: string | undefined;
  parentProtocol: 'https' | 'http';
  confirmConnectedRegistryName: string;
}

export class ConnectionStrings {
  constructor(private readonly c: ConnectedRegistryAdminCore) {}

  async connectionString(
    ref: RegistryPath,
    name: string,
    body: ConnectionStringBody,
  ): Promise<ConnectionStringResult> {
    const expiry = this.c.expiryFrom(body.expiry);
    return this.c.changes.run([this.c.crId(ref, name)], (change) =>
      this.connectionStringLocked(ref, name, body, expiry, change),
    );
  }

  private async connectionStringLocked(
    ref: RegistryPath,
    name: string,
    body: ConnectionStringBody,
    expiry: Date | undefined,
    change: LockedChange,
  ): Promise<ConnectionStringResult> {
    const { cr } = await this.c.load(ref, name);
    this.c.confirm(
      cr,
      body.confirmConnectedRegistryName,
      `Generating the connection string of ${cr.name} replaces ${body.slot} of its sync token: a connected registry still using that password stops syncing.`,
    );
    const syncTokenName = cr.syncTokenName;
    if (!syncTokenName) {
      throw new AppError(
        'conflict',
        `Connected registry ${cr.name} has no sync token, so it has no connection string.`,
      );
    }
    const warnings: string[] = [
      `${body.slot} of sync token ${syncTokenName} was replaced: a connected registry still using the old password stops syncing until it gets this connection string. The new password takes about a minute to reach the registry.`,
    ];
    // The cloud registry is reached over https only (as the CLI does: it overrides and warns).
    const protocol = cr.parentName === null ? 'https' : body.parentProtocol;
    if (cr.parentName === null && body.parentProtocol === 'http') {
      warnings.push(
        `${cr.name} syncs with the cloud registry, which is reached over https only: the protocol was set to https.`,
      );
    }
    const endpoint = cr.gatewayEndpoint || UNKNOWN_PARENT_ENDPOINT;
    if (!cr.gatewayEndpoint) {
      warnings.push(
        `Azure does not know the endpoint of ${cr.parentName ?? 'the parent'} (an on-premises parent): replace ${UNKNOWN_PARENT_ENDPOINT} with the address ${cr.name} reaches its parent at.`,
      );
    }
    const before = await this.c.d.reader.getToken(ref, syncTokenName);
    await this.c.d.spendCredential();
    const { result, auditId, notice } = await change.record(
      {
        actor: this.c.d.actor,
        action: 'connectedRegistry.connectionString',
        target: cr.id,
        // The slot and expiry only: the password and the string carrying it are never recorded.
        before: {
          syncToken: before.name,
          passwords: slots(before),
          slot: body.slot,
          expiry: expiry?.toISOString() ?? 'never',
          parentProtocol: protocol,
        },
        requestId: this.c.d.requestId,
      },
      this.c.armRequestIds,
      async () => {
        const generated = await this.c.d.registryWriter
          .generatePassword(ref, syncTokenName, body.slot, expiry)
          .catch((error: unknown) => {
            const failed = asAppError(error);
            throw withSteps(failed, [
              {
                step: `Generate ${body.slot} of sync token ${syncTokenName}`,
                outcome: 'failed',
                detail: failed.message,
              },
            ]);
          });
        const token = await this.c.d.reader.getToken(ref, syncTokenName);
        const view = (await this.c.load(ref, cr.name)).cr;
        return {
          result: { view, generated, token },
          after: { syncToken: token.name, passwords: slots(token) },
        };
      },
    );
    const { view, generated } = result;
    await this.c.d.snapshot?.(ref, { connectedRegistries: [view], tokens: [result.token] });
    return {
      connectedRegistry: view,
      warnings,
      steps: [{ step: `Generate ${body.slot} of sync token ${syncTokenName}`, outcome: 'done' }],
      auditId,
      ...(notice ? { notice } : {}),
      connectionString:
        `ConnectedRegistryName=${cr.name};SyncTokenName=${syncTokenName};` +
        `SyncTokenPassword=${generated.password.value};` +
        `ParentGatewayEndpoint=${endpoint};ParentEndpointProtocol=${protocol}`,
      credentials: {
        username: generated.username,
        passwords: [generated.password],
        // A sync token is for the connected registry, not for `docker login`.
        dockerLogin: [],
        propagationSeconds: PROPAGATION_SECONDS,
      },
    };
  }
}
