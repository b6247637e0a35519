import { describe, expect, it } from 'vitest';
import { isArmResource, resourceFromScope, scpFromScope } from './resources';

describe('Entra scopes to resources', () => {
  it('derives the resource from the first URI-shaped scope', () => {
    expect(
      resourceFromScope(
        'openid profile https://management.azure.com/user_impersonation offline_access',
      ),
    ).toBe('https://management.azure.com');
    expect(resourceFromScope('https://management.azure.com/.default')).toBe(
      'https://management.azure.com',
    );
    expect(resourceFromScope('https://management.core.windows.net//.default')).toBe(
      'https://management.core.windows.net/',
    );
    expect(resourceFromScope('openid profile offline_access')).toBeUndefined();
    expect(resourceFromScope(undefined)).toBeUndefined();
  });

  it('knows ARM under both identifier URIs', () => {
    expect(isArmResource('https://management.azure.com')).toBe(true);
    expect(isArmResource('https://management.core.windows.net/')).toBe(true);
    expect(isArmResource('https://graph.microsoft.com')).toBe(false);
  });

  it('turns scopes into scp permission names', () => {
    expect(scpFromScope('https://management.azure.com/user_impersonation')).toBe(
      'user_impersonation',
    );
    expect(scpFromScope('https://management.azure.com/.default')).toBe('user_impersonation');
    expect(scpFromScope('')).toBeUndefined();
  });
});

describe('refresh scopes read the Entra way', () => {
  it('drops offline_access and maps a resource scope onto the granted one of the same resource', async () => {
    const { entraRefreshScope } = await import('./refresh-request');
    const granted = 'openid profile https://management.azure.com/user_impersonation';
    expect(
      entraRefreshScope(
        'https://management.azure.com/.default openid profile offline_access',
        granted,
      ),
    ).toBe('https://management.azure.com/user_impersonation openid profile');
    expect(
      entraRefreshScope('https://management.azure.com/user_impersonation offline_access', granted),
    ).toBe('https://management.azure.com/user_impersonation');
    // Another resource is left for the provider to refuse.
    expect(entraRefreshScope('https://graph.microsoft.com/User.Read', granted)).toBe(
      'https://graph.microsoft.com/User.Read',
    );
    expect(entraRefreshScope('offline_access', granted)).toBeUndefined();
    expect(entraRefreshScope('https://management.azure.com/.default', undefined)).toBe(
      'https://management.azure.com/.default',
    );
  });
});
