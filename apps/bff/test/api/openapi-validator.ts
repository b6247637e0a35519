/**
 * Checks an HTTP answer of the BFF against its OpenAPI description
 * (src/openapi): the status must be documented for the operation, and a JSON
 * body must match the documented schema (JSON Schema 2020-12, checked by Ajv,
 * an implementation independent of zod). The API harness runs every answer
 * through it, so each API test also tests the description.
 */
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openApiDocument, pathTemplate } from '../../src/openapi/document';

const document = openApiDocument();
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'latchkey:openapi', components: document.components });
const validators = new Map<string, ValidateFunction>();

function validatorFor(ref: string): ValidateFunction {
  let validate = validators.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: `latchkey:openapi${ref}` });
    validators.set(ref, validate);
  }
  return validate;
}

/** The documented operation for a request, or undefined for a path the API does not have. */
export function operationFor(method: string, url: string) {
  const template = pathTemplate(new URL(url, 'http://x').pathname);
  const op = template ? document.paths[template]?.[method.toLowerCase()] : undefined;
  return op && template ? { template, op } : undefined;
}

/**
 * Throws when the answer breaks the description. Answers to paths the API
 * does not have (tests probe those on purpose) are left alone; the coverage
 * test (openapi.test.ts) makes sure no registered route is missing.
 */
export async function checkAgainstOpenApi(
  method: string,
  url: string,
  res: Response,
): Promise<void> {
  const found = operationFor(method, url);
  if (!found) return;
  const where = `${method.toUpperCase()} ${found.template} → ${res.status}`;
  const responses = found.op.responses;
  const doc = responses[String(res.status)] ?? responses[`${String(res.status)[0]}XX`];
  if (!doc) throw new Error(`OpenAPI: ${where} is not a documented status`);
  // A redirect's body is Express's courtesy text for people; only Location matters.
  if (res.status >= 300 && res.status < 400) return;
  const text = await res.clone().text();
  if (text === '') return;
  const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = (doc.content ?? {}) as Record<string, { schema?: { $ref?: string } }>;
  if (!(type in content)) {
    throw new Error(
      `OpenAPI: ${where} answered ${type}, documented: ${Object.keys(content).join(', ') || 'no body'}`,
    );
  }
  const ref = content[type]?.schema?.$ref;
  if (type !== 'application/json' || !ref) return;
  const validate = validatorFor(ref);
  if (!validate(JSON.parse(text))) {
    throw new Error(`OpenAPI: ${where} body breaks ${ref}: ${ajv.errorsText(validate.errors)}`);
  }
}
