import type { TokenCredential } from '@azure/core-auth';
import type { RegistryPath } from '@latchkey/domain';
import { registryClient, timeoutSignal, type ArmSettings } from './client';
import { mapArmError } from './errors';
import { toScopeMapRecord, type ScopeMapRecord } from './mappers';

/**
 * What every ARM writer shares: SDK clients acting as the signed-in person,
 * long-running operations awaited at the configured poll interval, and the
 * `x-ms-request-id` of every response (initial request and status polls)
 * collected for the audit log. Writers may share one id list so a single
 * audit record lists every ARM call of a multi-step action.
 */
export abstract class ArmWriterBase {
  constructor(
    protected readonly settings: ArmSettings,
    protected readonly credential: TokenCredential,
    /** Request ids of every ARM response seen by this writer, in order. */
    readonly armRequestIds: string[] = [],
  ) {}

  /**
   * Asked before every write: set by the change discipline to its lock's
   * fence, so a change whose lock is lost makes no further write.
   */
  guard: (() => Promise<void>) | undefined;

  /** How many writes Azure accepted: a failure after one is not "nothing changed". */
  applied = 0;

  protected options() {
    return {
      abortSignal: timeoutSignal(this.settings),
      updateIntervalInMs: this.settings.pollIntervalMs ?? 2000,
      onResponse: (response: { headers: { get(name: string): string | undefined } }) => {
        const id = response.headers.get('x-ms-request-id');
        if (id) this.armRequestIds.push(id);
      },
    };
  }

  /** One ARM change; failures become console errors phrased for a change to `target`. */
  protected async write<T>(target: string, call: () => Promise<T>): Promise<T> {
    await this.guard?.();
    try {
      const result = await call();
      this.applied++;
      return result;
    } catch (error) {
      throw mapArmError(error, target, 'change');
    }
  }

  /** PATCH of a scope map: `actions` replaces the whole list, as in Azure (reference §2.4). */
  protected patchScopeMap(
    ref: RegistryPath,
    name: string,
    body: { actions: string[]; description?: string | undefined },
  ): Promise<ScopeMapRecord> {
    return this.write(`scope map ${name}`, async () => {
      const result = await this.client(ref).scopeMaps.update(
        ref.resourceGroup,
        ref.registryName,
        name,
        {
          actions: body.actions,
          ...(body.description !== undefined ? { description: body.description } : {}),
        },
        this.options(),
      );
      return toScopeMapRecord(result);
    });
  }

  protected client(ref: RegistryPath) {
    return registryClient(this.settings, this.credential, ref.subscriptionId);
  }
}
