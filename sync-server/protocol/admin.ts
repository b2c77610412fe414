/**
 * The admin API (`/v1/admin/*`): request and response bodies for managing sites, their keys, origins
 * and experiments, and admin tokens. Every object is strict, as in the report protocol, so a typo in an
 * operator's request is an error rather than a silently ignored field.
 */
import * as v from 'valibot';
import { experimentListSchema } from './experiments';
import { reportBatchSchema } from './index';

/** Most origins one site may list. */
export const MAX_SITE_ORIGINS = 50;

/** A site key, as the report protocol accepts it. */
export const siteKeySchema = reportBatchSchema.entries.site;

/** An origin as sent; the server normalizes it (`scheme://host[:port]`) and rejects anything else. */
const originSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

/** A site's origin allowlist. */
export const originListSchema = v.pipe(
  v.array(originSchema),
  v.maxLength(MAX_SITE_ORIGINS, `at most ${MAX_SITE_ORIGINS} origins`),
);

/** `POST /v1/admin/sites`: a random key is generated when `key` is absent. */
export const createSiteRequestSchema = v.strictObject({
  key: v.optional(siteKeySchema),
  origins: originListSchema,
});

/** `PUT /v1/admin/sites/:key/origins`: replaces the allowlist. */
export const siteOriginsRequestSchema = v.strictObject({ origins: originListSchema });

const daySchema = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day, YYYY-MM-DD'));

/** A site as the admin API shows it. */
export const adminSiteSchema = v.strictObject({
  key: siteKeySchema,
  origins: v.array(v.string()),
  createdDay: daySchema,
});

/** `GET /v1/admin/sites`. */
export const adminSiteListSchema = v.strictObject({ sites: v.array(adminSiteSchema) });

/** `POST /v1/admin/sites/:key/rotate`: the site under its new key, and the key that stopped working. */
export const rotatedSiteSchema = v.strictObject({
  ...adminSiteSchema.entries,
  previousKey: siteKeySchema,
});

/** `PUT /v1/admin/sites/:key/experiments` takes the experiment list itself. */
export const setExperimentsRequestSchema = experimentListSchema;

/** A token label: names what a token is for, and is how it is revoked. */
export const tokenLabelSchema = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_.-]{1,64}$/, 'label must be 1-64 of [A-Za-z0-9_.-]'),
);

/** `POST /v1/admin/tokens`. */
export const createTokenRequestSchema = v.strictObject({ label: tokenLabelSchema });

/** A new token: the only time the token itself is ever shown. */
export const createdTokenSchema = v.strictObject({
  label: tokenLabelSchema,
  token: v.string(),
  createdDay: daySchema,
});

/** `GET /v1/admin/tokens`: labels and days only; the server holds no token to show. */
export const adminTokenListSchema = v.strictObject({
  tokens: v.array(v.strictObject({ label: v.string(), createdDay: daySchema })),
});

/** `DELETE /v1/admin/tokens/:label`. */
export const deletedTokensSchema = v.strictObject({
  label: v.string(),
  deleted: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

/** A site as the admin API shows it. */
export type AdminSite = v.InferOutput<typeof adminSiteSchema>;
/** A site after its key was rotated. */
export type RotatedSite = v.InferOutput<typeof rotatedSiteSchema>;
/** A newly created admin token. */
export type CreatedToken = v.InferOutput<typeof createdTokenSchema>;
/** The admin token list. */
export type AdminTokenList = v.InferOutput<typeof adminTokenListSchema>;
