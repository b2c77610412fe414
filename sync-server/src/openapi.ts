/**
 * `GET /openapi.json`: an OpenAPI 3.1 document of every route. Bodies are JSON Schema generated from
 * the same valibot schemas the server and worker validate with, so the document cannot drift from the
 * checks; the route table below is kept by hand, and a test holds it equal to the routes the app
 * registers. Refinements that JSON Schema cannot express (`v.check`, e.g. `value < domain`) are left
 * out of the generated schemas: the document is a little more permissive than the server.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { Hono } from 'hono';
import * as v from 'valibot';
import {
  adminSiteListSchema,
  adminSiteSchema,
  adminTokenListSchema,
  createdTokenSchema,
  createSiteRequestSchema,
  createTokenRequestSchema,
  deletedTokensSchema,
  rotatedSiteSchema,
  setExperimentsRequestSchema,
  siteOriginsRequestSchema,
} from '../protocol/admin';
import { experimentsAnswerSchema } from '../protocol/experiments';
import { type ReportAccepted, reportBatchSchema, type ServerError } from '../protocol/index';
import { priorsSchema } from '../protocol/priors';
import { type ResponseDoc, ROUTES, type RouteDoc } from './openapi-routes';

/** The answer to an accepted batch, as a schema (the protocol states it as an interface). */
export const reportAcceptedSchema = v.strictObject({
  ok: v.literal(true),
  stored: v.pipe(v.number(), v.integer(), v.minValue(0)),
  duplicate: v.boolean(),
});

const ERROR_CODES = [
  'invalid_json',
  'invalid_body',
  'body_too_large',
  'unknown_site',
  'origin_not_allowed',
  'not_found',
  'rate_limited',
  'unauthorized',
  'conflict',
  'unsupported_media_type',
  'internal',
] as const satisfies readonly ServerError['error']['code'][];

/** Every error body, as a schema. */
export const serverErrorSchema = v.strictObject({
  error: v.strictObject({
    code: v.picklist(ERROR_CODES),
    message: v.string(),
    issues: v.optional(v.array(v.strictObject({ path: v.string(), message: v.string() }))),
  }),
});

// Compile-time proof that the schemas above say what the protocol's interfaces say.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const proofs: [
  Same<v.InferOutput<typeof reportAcceptedSchema>, ReportAccepted>,
  Same<v.InferOutput<typeof serverErrorSchema>['error']['code'], ServerError['error']['code']>,
] = [true, true];
void proofs;

/** Named schemas, emitted under `components.schemas`. */
const SCHEMAS = {
  ReportBatch: reportBatchSchema,
  ReportAccepted: reportAcceptedSchema,
  ServerError: serverErrorSchema,
  Priors: priorsSchema,
  ExperimentsAnswer: experimentsAnswerSchema,
  ExperimentList: setExperimentsRequestSchema,
  CreateSiteRequest: createSiteRequestSchema,
  SiteOriginsRequest: siteOriginsRequestSchema,
  AdminSite: adminSiteSchema,
  AdminSiteList: adminSiteListSchema,
  RotatedSite: rotatedSiteSchema,
  CreateTokenRequest: createTokenRequestSchema,
  CreatedToken: createdTokenSchema,
  AdminTokenList: adminTokenListSchema,
  DeletedTokens: deletedTokensSchema,
} as const;

/** A schema name from {@link SCHEMAS}. */
export type SchemaName = keyof typeof SCHEMAS;

/** A JSON Schema (2020-12) object. */
export type JsonSchemaObject = Record<string, unknown>;

/** The JSON Schema (2020-12) generated for one named schema. */
export function jsonSchemaOf(name: SchemaName): JsonSchemaObject {
  // `ignore`: `v.check` refinements have no JSON Schema form (see the file comment).
  const { $schema: _, ...schema } = toJsonSchema(SCHEMAS[name], {
    target: 'draft-2020-12',
    errorMode: 'ignore',
  });
  return schema;
}

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
