/**
 * The named JSON Schemas of the OpenAPI document, generated from the same valibot schemas the server
 * and worker validate with, so the document cannot drift from the checks. Refinements that JSON Schema
 * cannot express (`v.check`, e.g. `value < domain`) are left out: the document is a little more
 * permissive than the server.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
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
} from '../../protocol/admin';
import { experimentsAnswerSchema } from '../../protocol/experiments';
import { type ReportAccepted, reportBatchSchema, type ServerError } from '../../protocol/index';
import { priorsSchema } from '../../protocol/priors';

/** The answer to an accepted batch, as a schema (the protocol states it as an interface). */
export const reportAcceptedSchema = v.strictObject({
  ok: v.literal(true),
  stored: v.pipe(v.number(), v.integer(), v.minValue(0)),
  duplicate: v.boolean(),
});

const ERROR_CODES = [
  'invalid_json',
  'invalid_body',
  'invalid_report',
  'body_too_large',
  'unknown_site',
  'origin_not_allowed',
  'not_found',
  'rate_limited',
  'unauthorized',
  'conflict',
  'unsupported_media_type',
  'unavailable',
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
export const SCHEMAS = {
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
