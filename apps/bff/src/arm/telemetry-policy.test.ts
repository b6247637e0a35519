import { describe, expect, it } from 'vitest';
import { armOperation } from './telemetry-policy';

const reg =
  'https://management.azure.com/subscriptions/s1/resourceGroups/rg-1/providers/Microsoft.ContainerRegistry/registries';

describe('armOperation', () => {
  // Names as the ARM API (and local Azure's request counters) call the operations.
  it.each([
    [
      'GET',
      'https://management.azure.com/subscriptions?api-version=2022-12-01',
      'Subscriptions_List',
    ],
    ['GET', `${reg}?api-version=2025-11-01`, 'Registries_List'],
    ['GET', `${reg}/contoso`, 'Registries_Get'],
    ['POST', `${reg}/contoso/generateCredentials`, 'Registries_GenerateCredentials'],
    ['GET', `${reg}/contoso/tokens?$skipToken=abc`, 'Tokens_List'],
    ['GET', `${reg}/contoso/tokens/line1-hmi`, 'Tokens_Get'],
    ['PUT', `${reg}/contoso/scopeMaps/map-1`, 'ScopeMaps_Create'],
    ['PATCH', `${reg}/contoso/connectedRegistries/edge1`, 'ConnectedRegistries_Update'],
    ['DELETE', `${reg}/contoso/tokens/t-1`, 'Tokens_Delete'],
    [
      'POST',
      `${reg}/contoso/connectedRegistries/edge1/deactivate`,
      'ConnectedRegistries_Deactivate',
    ],
    ['GET', `${reg}/contoso/operationStatuses/op-1`, 'OperationStatuses_Get'],
    [
      'GET',
      'https://management.azure.com/subscriptions/s1/providers/Microsoft.ContainerRegistry/locations/westeurope/operationResults/op-2',
      'OperationResults_Get',
    ],
    ['GET', `${reg}/contoso/webhooks`, 'Other'],
    ['GET', 'https://management.azure.com/providers/Microsoft.Something', 'Other'],
  ])('%s %s is %s', (method, url, expected) => {
    expect(armOperation(method, url)).toBe(expected);
  });

  it('never carries a name from the path into the label', () => {
    const label = armOperation('GET', `${reg}/secretive-registry/tokens/secretive-token`);
    expect(label).not.toContain('secretive');
  });
});
