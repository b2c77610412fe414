/**
 * Names two sides must agree on without importing each other (the widget reaches the worker only
 * through its protocol module): the service worker keeps files only while the worker's database
 * exists, so it must look for the right one.
 */
import { describe, expect, it } from 'vitest';
import { KEPT_DATABASE } from '../../widget/sw';
import { DB_NAME } from '../../worker/storage';

describe('storage names', () => {
  it('the service worker looks for the worker’s own database', () => {
    expect(KEPT_DATABASE).toBe(DB_NAME);
  });
});
