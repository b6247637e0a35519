import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import type { TokenCredential } from '@azure/core-auth';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createPipelineFromOptions,
  createPipelineRequest,
  RestError,
  type Pipeline,
} from '@azure/core-rest-pipeline';
import { assertSafeArmPathSegment, withGuardedPaths } from './path-guard';
import { armTelemetryPolicy, type ArmTelemetry } from './telemetry-policy';

/** The one scope Latchkey asks for: delegated access to ARM as the signed-in person. */
export const ARM_SCOPE = 'https://management.azure.com/.default';

export interface ArmSettings {
  /** https://management.azure.com, or local Azure's emulator. */
  endpoint: string;
  /** Extra CA to trust (local Azure). */
  caPem: string | undefined;
  /** Per-request budget; past it the call is aborted and reported as a timeout. */
  timeoutMs: number;
  /** SDK retries for 429/503 with Retry-After (the SDK's default is 3). */
  maxRetries?: number;
  /** Base delay of the SDK's exponential retries of 5xx and network errors (SDK default 800 ms). */
  retryDelayInMs?: number;
  /** Poll interval of long-running operations when ARM sends no Retry-After (default 2 s). */
  pollIntervalMs?: number;
  /** Spans and metrics for every request sent to ARM (telemetry-policy.ts). */
  telemetry?: ArmTelemetry;
}

/** Per retry: every HTTP request that reaches ARM is counted, as ARM counts them. */
function telemetryPolicies(settings: ArmSettings) {
  return settings.telemetry
    ? [{ policy: armTelemetryPolicy(settings.telemetry), position: 'perRetry' as const }]
    : [];
}

function retryOptions(settings: ArmSettings) {
  return {
    maxRetries: settings.maxRetries ?? 3,
    ...(settings.retryDelayInMs !== undefined ? { retryDelayInMs: settings.retryDelayInMs } : {}),
  };
}

/** A client for one subscription, acting as whoever `credential` is. */
export function registryClient(
  settings: ArmSettings,
  credential: TokenCredential,
  subscriptionId: string,
): ContainerRegistryManagementClient {
  assertSafeArmPathSegment(subscriptionId);
  const client = new ContainerRegistryManagementClient(credential, subscriptionId, {
    endpoint: settings.endpoint,
    credentials: { scopes: [ARM_SCOPE] },
    retryOptions: retryOptions(settings),
    additionalPolicies: telemetryPolicies(settings),
    ...(settings.caPem ? { tlsOptions: { ca: settings.caPem } } : {}),
  });
  // Every operation group Latchkey calls: their string arguments become URL path segments.
  return withGuardedPaths(client, ['registries', 'connectedRegistries', 'tokens', 'scopeMaps']);
}

export function timeoutSignal(settings: ArmSettings): AbortSignal {
  return AbortSignal.timeout(settings.timeoutMs);
}

/**
 * ARM reads that are not in the container registry SDK (`GET /subscriptions`,
 * Microsoft.Authorization permissions): the same pipeline (bearer policy,
 * retries, TLS options, telemetry) with a plain request, walking `nextLink`.
 */
export async function listAllPages<T>(
  settings: ArmSettings,
  credential: TokenCredential,
  /** Path and query after the ARM endpoint. */
  pathAndQuery: string,
): Promise<T[]> {
  const pipeline: Pipeline = createPipelineFromOptions({
    retryOptions: retryOptions(settings),
    ...(settings.caPem ? { tlsOptions: { ca: settings.caPem } } : {}),
  });
  pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential, scopes: ARM_SCOPE }));
  // As the SDK clients place a perRetry policy.
  for (const { policy } of telemetryPolicies(settings))
    pipeline.addPolicy(policy, { afterPhase: 'Retry' });
  const httpClient = createDefaultHttpClient();
  const out: T[] = [];
  let url: string | undefined = `${settings.endpoint}${pathAndQuery}`;
  const signal = timeoutSignal(settings);
  while (url) {
    const request = createPipelineRequest({ url, method: 'GET', abortSignal: signal });
    const response = await pipeline.sendRequest(httpClient, request);
    const body = response.bodyAsText ? JSON.parse(response.bodyAsText) : {};
    if (response.status !== 200) {
      throw new RestError(body?.error?.message ?? `HTTP ${response.status}`, {
        code: body?.error?.code,
        statusCode: response.status,
        request,
        response,
      });
    }
    for (const item of body.value ?? []) out.push(item as T);
    url = body.nextLink ?? undefined;
  }
  return out;
}

export function listSubscriptions(
  settings: ArmSettings,
  credential: TokenCredential,
): Promise<
  Array<{ subscriptionId: string; displayName: string; tenantId?: string; state?: string }>
> {
  return listAllPages(settings, credential, '/subscriptions?api-version=2022-12-01');
}
