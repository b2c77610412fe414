/**
 * The outbox tests' common ground: a fresh fake-indexeddb store and a scripted local server per
 * test, and a helper that queues one-report batches the way the report plan would.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach } from 'vitest';
import type { KrrReport } from '../../sync-server/protocol';
import { openStore, type Store } from '../../worker/storage';
import { buildBatches, MAX_OUTBOX_BATCHES } from '../../worker/sync/outbox';
import type { OutboxEntry } from '../../worker/sync/outbox-types';
import { emptyLedger } from '../../worker/sync/privacy-ledger';
import { type ScriptedServer, startScriptedServer } from './outbox-test-server';

/** A segment report as the outbox carries it (the outbox does not look inside). */
export const SEGMENT_REPORT: KrrReport = {
  metric: 'segment_share',
  encoding: 'krr',
  domain: 5,
  value: 2,
  epsilon: 1,
};

/** The store and server of the running test. */
export interface OutboxFixture {
  readonly store: Store;
  readonly server: ScriptedServer;
}

/** Opens a fresh store and server before each test and closes both after it. */
export function useOutboxFixture(): OutboxFixture {
  let server: ScriptedServer | undefined;
  let store: Store | undefined;
  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    server = await startScriptedServer();
    const s = await openStore({ create: true });
    if (!s) throw new Error('no store');
    store = s;
  });
  afterEach(async () => {
    store?.close();
    await server?.close();
  });
  const outside = (what: string): never => {
    throw new Error(`${what} is used outside a test`);
  };
  return {
    get store() {
      return store ?? outside('the store');
    },
    get server() {
      return server ?? outside('the server');
    },
  };
}

/** Queues `n` one-report batches made at `at`, `at + 1`, …; resolves to them in order. */
export async function queueBatches(store: Store, n: number, at: number): Promise<OutboxEntry[]> {
  const entries = Array.from({ length: n }, (_, i) =>
    buildBatches('demo', 'm1', [SEGMENT_REPORT], at + i),
  ).flat();
  await store.outbox.enqueue(
    () => ({ entries, ledger: emptyLedger(at), reported: { version: 1, day: '2023-11-14', keys: [] } }),
    MAX_OUTBOX_BATCHES,
  );
  return entries;
}
