import { createPipelineRequest, RestError } from '@azure/core-rest-pipeline';
import { describe, expect, it } from 'vitest';
import { mapArmError } from './errors';

const scope =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r';

/** A 403 as the SDK raises it: ARM's message for single requests, its own for a list page. */
function forbidden(message: string, method: 'GET' | 'PUT') {
  return new RestError(message, {
    statusCode: 403,
    code: 'AuthorizationFailed',
    request: createPipelineRequest({ url: `https://arm.test${scope}/tokens`, method }),
  });
}

describe('a 403 from ARM, in words a person can act on', () => {
  it('names the action and the role from ARM’s message', () => {
    const error = mapArmError(
      forbidden(
        `The client 'x' does not have authorization to perform action 'Microsoft.ContainerRegistry/registries/tokens/write' over scope '${scope}'.`,
        'PUT',
      ),
      'token t',
      'change',
    );
    expect(error.code).toBe('azure_forbidden');
    expect(error.message).toContain('change token t');
    expect(error.message).toContain('Contributor (or Owner)');
    expect(error.message).toContain('Microsoft.ContainerRegistry/registries/tokens/write');
  });

  it('says Reader for a refused list page, whose error carries no ARM message', () => {
    const error = mapArmError(
      forbidden('Pagination failed with unexpected statusCode 403', 'GET'),
      'the tokens of r',
    );
    expect(error.message).toBe(
      'Azure refused to let you read the tokens of r: your Azure account needs the Reader (or higher) role on it. Ask a subscription owner to assign it.',
    );
  });
});
