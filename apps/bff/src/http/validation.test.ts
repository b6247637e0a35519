import { auditQuerySchema, createTokenSchema, registryPathSchema } from '@latchkey/domain';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { parseInput } from './validation';

/** The invalid_input error parseInput throws for `value`. */
function refusal(schema: Parameters<typeof parseInput>[0], value: unknown): AppError {
  try {
    parseInput(schema, value);
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

// The shared schemas are zod/mini, which loads no messages of its own (every
// message would read "Invalid input"): validation.ts installs zod's English
// ones. These are the words classic zod used, so 400s read as before.
describe('parseInput', () => {
  it('names the field and the rule in zod English words', () => {
    const e = refusal(auditQuerySchema, { actor: 'a'.repeat(257), limit: '0', extra: 1 });
    expect(e.code).toBe('invalid_input');
    expect(e.details).toEqual([
      {
        field: 'actor',
        rule: 'too_big',
        message: 'actor Too big: expected string to have <=256 characters',
      },
      {
        field: 'limit',
        rule: 'too_small',
        message: 'limit Too small: expected number to be >=1',
      },
      {
        field: 'extra',
        rule: 'unrecognized_keys',
        message: 'extra Unrecognized key: "extra"',
      },
    ]);
  });

  it("keeps a schema's own message, and says what type was expected", () => {
    const e = refusal(createTokenSchema, {
      name: 'no',
      scopeMap: { existing: 'map-one' },
      status: 3,
    });
    expect(e.details).toEqual([
      {
        field: 'name',
        rule: 'invalid_format',
        message: 'name must be 5–50 letters, digits or hyphens',
      },
      {
        field: 'status',
        rule: 'invalid_value',
        message: 'status Invalid option: expected one of "enabled"|"disabled"',
      },
    ]);
  });

  it('answers the parsed value when the input is good', () => {
    const path = {
      subscriptionId: '00000000-0000-0000-0000-000000000000',
      resourceGroup: 'rg',
      registryName: 'contoso',
    };
    expect(parseInput(registryPathSchema, path)).toEqual(path);
    expect(parseInput(auditQuerySchema, {}).limit).toBe(100);
  });
});
