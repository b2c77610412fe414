import { Validator } from '@seriousme/openapi-schema-validator';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleBatch, sqliteTestStore, type TestStore } from '../../../test/support/server-stores';
import { createApp } from '../app';
import { openApiDocument, openApiPath } from './openapi';
import { ROUTES } from './openapi-routes';
import { jsonSchemaOf } from './openapi-schemas';

describe('OpenAPI document', () => {
  let t: TestStore;
  beforeAll(async () => {
    t = await sqliteTestStore();
  });
  afterAll(async () => {
    await t.dispose();
  });

  it('documents exactly the routes the app registers', () => {
    const app = createApp({ store: t.store, log: () => undefined });
    const registered = new Set(
      app.routes
        .filter((r) => r.method !== 'ALL')
        // `ALL` entries are middleware (`app.use`); a method middleware shares its route's pattern.
        .map((r) => `${r.method} ${openApiPath(r.path)}`),
    );
    const documented = new Set(ROUTES.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect(
      [...registered].filter((r) => !documented.has(r)),
      'registered but undocumented',
    ).toEqual([]);
    expect(
      [...documented].filter((r) => !registered.has(r)),
      'documented but not registered',
    ).toEqual([]);
    expect(registered.size).toBeGreaterThanOrEqual(20);
  });

  it('is a valid OpenAPI 3.1 document, served at /openapi.json', async () => {
    const app = createApp({ store: t.store, log: () => undefined });
    const res = await app.request('http://localhost/openapi.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const served = (await res.json()) as Record<string, unknown>;
    expect(served).toEqual(openApiDocument());
    const result = await new Validator().validate(served);
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator itself must be able to say no.
    const broken = await new Validator().validate({ ...served, paths: { '/x': { get: { responses: 7 } } } });
    expect(broken.valid).toBe(false);
  });

  it('generates a batch schema that accepts a valid batch and rejects unknown fields', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(jsonSchemaOf('ReportBatch'));
    const batch = sampleBatch();
    expect(validate(batch), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...batch, userId: 'u-1' })).toBe(false);
    expect(validate({ ...batch, reports: [{ ...batch.reports[0], ip: '203.0.113.9' }] })).toBe(false);
    expect(validate({ ...batch, batch: 'not-a-uuid' })).toBe(false);
    expect(validate({ ...batch, reports: [] })).toBe(false);
  });

  it('points POST /v1/reports at the generated batch schema', () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
      >;
    };
    const body = doc.paths['/v1/reports']?.post?.requestBody?.content['application/json']?.schema;
    expect(body).toEqual({ $ref: '#/components/schemas/ReportBatch' });
  });
});
