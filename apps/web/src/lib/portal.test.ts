import { describe, expect, it } from 'vitest';
import { portalResourceUrl } from './portal';

describe('portalResourceUrl', () => {
  it('puts the tenant after #@ and the resource id after /resource', () => {
    const id =
      '/subscriptions/11111111-2222-4333-8444-555555555501/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/contosoregistry';
    expect(portalResourceUrl('7a1c2f3e-4b5d-4c6e-8f70-9a1b2c3d4e5f', id)).toBe(
      `https://portal.azure.com/#@7a1c2f3e-4b5d-4c6e-8f70-9a1b2c3d4e5f/resource${id}`,
    );
    expect(portalResourceUrl('contoso.onmicrosoft.com', 'subscriptions/x')).toBe(
      'https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/x',
    );
  });
});
