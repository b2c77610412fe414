/**
 * Names two sides must agree on without importing each other (the widget reaches the worker only
 * through its protocol module): the service worker keeps files only while the worker's database
 * exists, so it must look for the right one, and must leave the worker's model cache alone.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_DATABASE, WORKER_MODEL_CACHE } from '../../widget/sw';
import { MODEL_CACHE } from '../../worker/models';
import { DB_NAME } from '../../worker/storage';

describe('storage names', () => {
  it('the service worker looks for the worker’s own database', () => {
    expect(KEPT_DATABASE).toBe(DB_NAME);
  });

  it('the service worker keeps the worker’s model cache when it drops caches of older versions', () => {
    expect(WORKER_MODEL_CACHE).toBe(MODEL_CACHE);
  });
});
