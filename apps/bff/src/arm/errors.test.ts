import { RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { mapArmError } from './errors';

const denial = (action: string) => ({
  error: {
    code: 'AuthorizationFailed',
    message: `The client 'morgan@contoso.onmicrosoft.com' does not have authorization to perform action '${action}' over scope '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r'.`,
  },
});

describe('mapArmError on a 403', () => {
  it("names the role from ARM's action, also when a list's pager kept ARM's body in details", () => {
    // What SDK 12's pager throws: its own message, ARM's body in `details`.
    const paged = new RestError('Pagination failed with unexpected statusCode 403', {
      code: 'AuthorizationFailed',
      statusCode: 403,
    });
    paged.details = denial('Microsoft.ContainerRegistry/registries/tokens/read');
    const e = mapArmError(paged, 'the tokens of r');
    expect(e.code).toBe('azure_forbidden');
    expect(e.message).toContain('read the tokens of r');
    expect(e.message).toContain('Reader (or higher)');
    expect(e.message).toContain('Microsoft.ContainerRegistry/registries/tokens/read');
  });

  it('asks for Contributor when a write is refused', () => {
    const write = new RestError(
      denial('Microsoft.ContainerRegistry/registries/tokens/write').error.message,
      {
        code: 'AuthorizationFailed',
        statusCode: 403,
      },
    );
    expect(mapArmError(write, 'token t', 'change').message).toContain('Contributor (or Owner)');
  });

  it('falls back on what was being done when ARM names no action', () => {
    const bare = new RestError('Forbidden', { code: 'Forbidden', statusCode: 403 });
    const read = mapArmError(bare, 'registry r', 'read').message;
    expect(read).toContain('read registry r');
    expect(read).toContain('Reader (or higher)');
    expect(mapArmError(bare, 'token t', 'change').message).toContain('Contributor (or Owner)');
  });
});
