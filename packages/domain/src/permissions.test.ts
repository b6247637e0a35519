import { describe, expect, it } from 'vitest';
import { can, permissions, primaryRole, rolesFromClaim } from './permissions';

describe('console roles', () => {
  it('reads only known roles from the claim', () => {
    expect(rolesFromClaim(['Latchkey.Reviewer', 'Something.Else'])).toEqual(['Latchkey.Reviewer']);
    expect(rolesFromClaim('Latchkey.Admin')).toEqual([]);
    expect(rolesFromClaim(undefined)).toEqual([]);
  });
  it('lets reviewers read, audit and export, and nothing else', () => {
    const allowed = permissions.filter((p) => can(['Latchkey.Reviewer'], p));
    expect(allowed).toEqual(['registry.read', 'audit.read', 'report.export']);
  });
  it('lets admins do everything, and no role nothing', () => {
    expect(permissions.every((p) => can(['Latchkey.Admin'], p))).toBe(true);
    expect(permissions.some((p) => can([], p))).toBe(false);
    expect(primaryRole(['Latchkey.Reviewer', 'Latchkey.Admin'])).toBe('Latchkey.Admin');
  });
});
