/**
 * `GET /openapi.json`: an OpenAPI 3.1 document of every route. Bodies are the JSON Schemas of
 * openapi-schemas.ts; the route table (openapi-routes.ts) is kept by hand, and a test holds it equal
 * to the routes the app registers.
 */
import { Hono } from 'hono';
import { type ResponseDoc, ROUTES, type RouteDoc } from './openapi-routes';
import { jsonSchemaOf, SCHEMAS, type SchemaName } from './openapi-schemas';

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });

function responseObject(doc: ResponseDoc) {
  if (typeof doc === 'string') return { description: doc };
  const [description, body] = doc;
  const content = body.startsWith('media:')
    ? { [body.slice('media:'.length)]: {} }
    : { 'application/json': { schema: ref(body as SchemaName) } };
  return { description, content };
}

function operation(route: RouteDoc) {
  const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = (route.query ?? []).map((q) => ({ ...q, in: 'query', schema: { type: 'string' } }));
  const parameters = [...pathParams, ...query];
  return {
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth
      ? { security: [{ [route.auth === 'bearer' ? 'adminBearer' : 'dashboardBasic']: [] }] }
      : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: ref(route.body) } } } }
      : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, doc]) => [status, responseObject(doc)]),
    ),
  };
}

/** Builds the OpenAPI 3.1 document. */
export function openApiDocument(version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) {
    const item = paths[route.path] ?? {};
    item[route.method] = operation(route);
    paths[route.path] = item;
  }
  const names = Object.keys(SCHEMAS) as SchemaName[];
  return {
    openapi: '3.1.0',
    info: {
      title: 'Confide sync server',
      version,
      description:
        'Receives noised (local differential privacy) reports and serves the widget, models and aggregates.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: Object.fromEntries(names.map((n) => [n, jsonSchemaOf(n)])),
      securitySchemes: {
        adminBearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin token (see README, "Sync server admin")',
        },
        dashboardBasic: {
          type: 'http',
          scheme: 'basic',
          description: 'Any user name; the admin token as password',
        },
      },
    },
  };
}

/** Hono's route path in OpenAPI form: `:param` → `{param}`, a trailing `*` → `{path}`. */
export function openApiPath(honoPath: string): string {
  return honoPath.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{path}');
}

/** `GET /openapi.json`, built once on first request. */
export function openApiRoute(): Hono {
  const app = new Hono();
  let body: string | undefined;
  app.get('/openapi.json', (c) => {
    body ??= JSON.stringify(openApiDocument());
    c.header('Cache-Control', 'public, max-age=300');
    c.header('Access-Control-Allow-Origin', '*');
    return c.body(body, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
  return app;
}
