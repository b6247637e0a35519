import { describe, expect, it } from 'vitest';
import { nameSchema, registryPathSchema } from './names';

// Azure's rule for resource groups, from the reference: 1–90 characters of
// letters, digits, `_`, `-`, `.`, `(`, `)`, not ending in a period.
const azureAllows = (name: string) =>
  name.length >= 1 &&
  name.length <= 90 &&
  [...name].every((c) => /[A-Za-z0-9_\-.()]/.test(c)) &&
  !name.endsWith('.');

describe('resource group names', () => {
  const rg = nameSchema('resourceGroup');
  const cases = [
    'rg-contoso',
    'a',
    'rg.prod',
    '(rg)_1',
    'x'.repeat(90),
    'x'.repeat(91),
    '.',
    '..',
    'rg.',
    '...',
    '.rg',
    '',
    'rg/x',
    'rg x',
    '%2e%2e',
    'rg\\x',
  ];
  it.each(cases)('agrees with Azure on %j', (name) => {
    expect(rg.safeParse(name).success).toBe(azureAllows(name));
  });

  it('names the field and the rule when a registry path breaks it', () => {
    const result = registryPathSchema.safeParse({
      subscriptionId: '00000000-0000-0000-0000-000000000001',
      resourceGroup: '..',
      registryName: 'contosoregistry',
    });
    expect(result.success).toBe(false);
    const issue = result.error!.issues[0]!;
    expect(issue.path).toEqual(['resourceGroup']);
    expect(issue.message).toMatch(/not ending in a period/);
  });
});
