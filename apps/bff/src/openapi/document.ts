import { z } from 'zod/mini';
import { csrfHeader, errorBodySchema } from '@latchkey/domain';
import manifest from '../../package.json' with { type: 'json' };
import { cookieNames } from '../auth/cookies';
import { routeDocs, sharedSchemas, type Named, type RouteDoc } from './routes';

/**
 * The OpenAPI 3.1 description of the BFF, built from the route table and the
 * zod schemas of packages/domain (zod's own JSON Schema output, draft
 * 2020-12, which is OpenAPI 3.1's schema dialect). Served at
 * GET /api/openapi.json and written to docs/ by `pnpm docs:generate`.
 */

type JsonSchema = Record<string, unknown>;
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, OperationObject>>;
  components: { schemas: Record<string, JsonSchema> } & Record<string, unknown>;
} & Record<string, unknown>;
interface OperationObject {
  summary: string;
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
  [key: string]: unknown;
}

/** `/a/:b/c` → `/a/{b}/c`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const templates = [...new Set(routeDocs.map((r) => openApiPath(r.path)))].map((template) => ({
  template,
  pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
}));

/** The described path a request path falls under (`/api/…/tokens/{name}`), or undefined. */
export function pathTemplate(path: string): string | undefined {
  return templates.find((t) => t.pattern.test(path))?.template;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Component schemas of one direction: responses as the BFF sends them, requests as it accepts them. */
function components(schemas: Named[], io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const seen = new Map<string, z.core.$ZodType>();
  for (const { name, schema } of schemas) {
    const before = seen.get(name);
    if (before === schema) continue;
    if (before) {
      // The same name for two schemas would silently describe one of them wrongly.
      if (JSON.stringify(z.toJSONSchema(before)) !== JSON.stringify(z.toJSONSchema(schema))) {
        throw new Error(`Two different schemas are named ${name}`);
      }
      continue;
    }
    seen.set(name, schema);
    registry.add(schema, { id: name });
  }
  const out = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  // The dialect is the document's (jsonSchemaDialect); ids would rebase the references.
  for (const schema of Object.values(out.schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out.schemas;
}

const paramDescriptions: Record<string, string> = {
  subscriptionId: 'Azure subscription id of the registry',
  resourceGroup: 'Resource group of the registry',
  registryName: 'Registry name',
  name: 'Name of the token, scope map or connected registry',
  slot: '`password1` or `password2`',
};

function parameters(route: RouteDoc): unknown[] {
  const params: unknown[] = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    description: paramDescriptions[name!] ?? name,
    schema: { type: 'string' },
  }));
  if (route.query) {
    const schema = z.toJSONSchema(route.query, {
      target: 'draft-2020-12',
      io: 'input',
      unrepresentable: 'any',
    }) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      params.push({
        name,
        in: 'query',
        required: schema.required?.includes(name) ?? false,
        schema: property,
      });
    }
  }
  if (route.method !== 'get' && route.path !== '/auth/callback') {
    params.push({
      name: csrfHeader,
      in: 'header',
      required: true,
      description:
        'Must be `1` on every state-changing request (with a same-origin `Sec-Fetch-Site` or `Origin`, and a JSON body): the CSRF defence.',
      schema: { const: '1' },
    });
  }
  return params;
}

function operation(route: RouteDoc): OperationObject {
  const responses: OperationObject['responses'] = {};
  for (const [status, doc] of Object.entries(route.responses)) {
    const content: Record<string, unknown> = {};
    if (doc.json) content['application/json'] = { schema: ref(doc.json.name) };
    if (doc.ndjson) content['application/x-ndjson'] = { schema: ref(doc.ndjson.name) };
    for (const type of doc.other ?? []) content[type] ??= {};
    responses[status] = {
      description: doc.description,
      ...(Object.keys(content).length ? { content } : {}),
      ...(doc.headers
        ? {
            headers: Object.fromEntries(
              doc.headers.map((h) => [h, { schema: { type: 'string' } }]),
            ),
          }
        : {}),
    };
  }
  // Every error is one JSON body; its `code` says which (see ErrorBody).
  const error = { content: { 'application/json': { schema: ref('ErrorBody') } } };
  responses['4XX'] = {
    description:
      'Refused: invalid input, not signed in, not allowed, not found, conflict, rate limited',
    ...error,
  };
  responses['5XX'] ??= { description: 'Azure or the console failed', ...error };
  const permission =
    route.access === 'public'
      ? 'Anyone.'
      : route.access === 'session'
        ? 'Any signed-in person.'
        : `Needs the console permission \`${route.access}\`.`;
  return {
    tags: [route.tag],
    summary: route.summary,
    description: [
      route.description,
      permission,
      route.credential
        ? 'Draws on the per-person credential budget (429 with Retry-After when spent).'
        : undefined,
    ]
      .filter(Boolean)
      .join(' '),
    ...(route.access === 'public' ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(route.body.name) } },
          },
        }
      : {}),
    responses,
    ...(route.access !== 'public' && route.access !== 'session'
      ? { 'x-latchkey-permission': route.access }
      : {}),
  };
}

export function openApiDocument(routes: readonly RouteDoc[] = routeDocs): OpenApiDocument {
  const outputs = routes.flatMap((r) =>
    Object.values(r.responses).flatMap((doc) => [doc.json, doc.ndjson].filter((n) => !!n)),
  );
  const inputs = routes.flatMap((r) => (r.body ? [r.body] : []));
  const schemas = {
    ...components(
      [...outputs, ...sharedSchemas.output, { name: 'ErrorBody', schema: errorBodySchema }],
      'output',
    ),
    ...components([...inputs, ...sharedSchemas.input], 'input'),
  };
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    if (paths[path]?.[route.method]) throw new Error(`${route.method} ${path} is described twice`);
    (paths[path] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.1',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Latchkey BFF',
      version: manifest.version,
      description:
        'The HTTP API of the Latchkey console (Azure Container Registry connected registries: tokens, passwords, scope maps, the hierarchy, access review, audit). The browser SPA uses it; automation may too, with a session cookie from the sign-in flow.',
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    security: [{ session: [] }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: cookieNames(true).session,
          description:
            'The session cookie set by /auth/callback after sign-in with Microsoft Entra ID.',
        },
      },
    },
  };
}
