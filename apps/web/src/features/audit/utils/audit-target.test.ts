import { describe, expect, it } from 'vitest';
import { auditTarget } from './audit-target';

const reg =
  '/subscriptions/s-1/resourceGroups/rg 1/providers/Microsoft.ContainerRegistry/registries/contosoregistry';
const base = '/registries/s-1/rg%201/contosoregistry';

describe('auditTarget', () => {
  it('links each kind of resource to its console page', () => {
    expect(auditTarget(`${reg}/tokens/line1-hmi`)).toEqual({
      kind: 'token',
      kindLabel: 'Token',
      name: 'line1-hmi',
      registryName: 'contosoregistry',
      href: `${base}/tokens/line1-hmi`,
    });
    expect(auditTarget(`${reg}/scopeMaps/pull-only`).href).toBe(`${base}/scope-maps/pull-only`);
    expect(auditTarget(`${reg}/connectedRegistries/edge1`).href).toBe(
      `${base}/hierarchy?node=edge1`,
    );
    expect(auditTarget(reg)).toMatchObject({
      kind: 'registry',
      name: 'contosoregistry',
      href: base,
    });
  });

  it('shows anything else as it is, without a link', () => {
    expect(auditTarget('elsewhere')).toEqual({
      kind: 'other',
      kindLabel: 'Resource',
      name: 'elsewhere',
    });
    expect(auditTarget(`${reg}/replications/x`).href).toBeUndefined();
  });
});
