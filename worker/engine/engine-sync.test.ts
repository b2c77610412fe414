/**
 * The engine's sync client end to end on the real artifacts and the real sync server app (in
 * process, see test/support/model-artifacts): what a consented device queues and sends on its own
 * (after delivering recommendations, and when the page is hidden), that the ledger is charged once
 * per report, that nothing is reported twice a day or without `share`, and that revoking `share`
 * empties the outbox.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { parseReportBatch } from '../../sync-server/protocol';
import { type ServedArtifacts, serveArtifacts } from '../../test/support/model-artifacts';
import type { TrackEvent, WorkerConfig, WorkerNotice, WorkerStatus } from '../protocol';
import { createEngine } from './engine';

let served: ServedArtifacts;
let catalog: Catalog;
let config: WorkerConfig;
let appFetch: typeof fetch;
/** Bodies POSTed to /v1/reports that reached the app. */
const posts: string[] = [];
/** When set, /v1/reports answers this status without reaching the app (the server is down). */
let failWith: number | null = null;
let n = 0;
const ev = (type: TrackEvent['type'], props: TrackEvent['props'] = {}): TrackEvent => ({
  type,
  props,
  ts: Date.now(),
  id: `s${++n}`,
});

beforeAll(async () => {
  served = await serveArtifacts();
  catalog = (await (await fetch(`${served.serverUrl}/v1/models/catalog.json`)).json()) as Catalog;
  config = { site: 'demo', serverUrl: served.serverUrl, notice: 'v1', gpc: false };
  appFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    if (String(input).endsWith('/v1/reports')) {
      if (failWith !== null)
        return new Response('{"error":{"code":"internal","message":"down"}}', { status: failWith });
      posts.push(String(init?.body));
    }
    return appFetch(input, init);
  }) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = appFetch;
  await served.close();
});
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  posts.length = 0;
  failWith = null;
});

/** A consented engine that viewed one item; the worker reports on its own from here. */
async function sharing(share = true, site = 'demo') {
  const engine = createEngine();
  const notices: WorkerNotice[] = [];
  await engine.subscribe((x) => void notices.push(x));
  await engine.init({ ...config, site });
  await engine.setConsent({ personalize: true, share }, 'prompt');
  await engine.track(ev('item_view', { item: catalog.items[7]?.id ?? '' }));
  return { engine, notices };
}

/**
 * The first status the worker pushed that satisfies `pred`. It pushes one after every delivery of
 * recommendations, once that delivery's sync (with `share`) is done, so no test has to call sync().
 */
async function pushedStatus(
  notices: WorkerNotice[],
  pred: (s: WorkerStatus) => boolean,
): Promise<WorkerStatus> {
  for (let i = 0; i < 400; i++) {
    for (const x of notices) if (x.type === 'status' && pred(x.status)) return x.status;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no matching status among ${notices.filter((x) => x.type === 'status').length} pushed`);
}

const reportsIn = (bodies: readonly string[]) =>
  bodies.flatMap((body) => {
    const parsed = parseReportBatch(JSON.parse(body));
    if (!parsed.ok) throw new Error(parsed.issues[0]?.message);
    return parsed.batch.reports.map((r) => `${r.metric}/${r.encoding}`);
  });

describe('engine sync', () => {
  it('reports each metric once a day on its own, charges the ledger once, and not again after a reload', async () => {
    const { engine, notices } = await sharing();
    const privacy = { epsilonToday: 2, reportsSent: 2, epsilonTotal: 2, outbox: 0 };
    const pushed = await pushedStatus(notices, (s) => s.privacy.reportsSent === 2 && s.privacy.outbox === 0);
    expect(pushed.privacy).toMatchObject(privacy);
    expect(reportsIn(posts).sort()).toEqual(['item_popularity/cms', 'segment_share/krr']);
    const sent = posts.length;
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    // A reload (a new worker on the same database) does not report the day again.
    const reloaded = createEngine();
    await reloaded.init(config);
    expect(await reloaded.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect(posts).toHaveLength(sent);
    expect((await reloaded.status()).privacy).toMatchObject(privacy);
  });

  it("queues the day's chat intent when the frame says the page was hidden", async () => {
    const { engine, notices } = await sharing();
    await pushedStatus(notices, (s) => s.privacy.reportsSent === 2 && s.privacy.outbox === 0);
    await engine.answer('where is my order?');
    expect(reportsIn(posts)).not.toContain('intent_count/krr');
    await engine.hidden();
    expect(reportsIn(posts)).toContain('intent_count/krr');
  });

  it('queues nothing and spends nothing without share', async () => {
    const { engine, notices } = await sharing(false);
    const pushed = await pushedStatus(notices, () => true);
    expect(pushed.privacy).toMatchObject({ epsilonToday: 0, reportsSent: 0, outbox: 0 });
    await engine.hidden();
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'consent' });
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 0, reportsSent: 0, outbox: 0 });
    expect(posts).toEqual([]);
  });

  it('keeps the batch while the server is down, charged once; revoking share empties the outbox', async () => {
    failWith = 503;
    const { engine, notices } = await sharing();
    await pushedStatus(notices, (s) => s.privacy.reportsSent === 2);
    expect(await engine.sync()).toMatchObject({ sent: 0, skipped: 'backoff' });
    const queued = (await engine.status()).privacy.outbox;
    expect(queued).toBeGreaterThan(0);
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 2, reportsSent: 2 });
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    expect((await engine.status()).privacy).toMatchObject({ outbox: 0 });
    failWith = null;
    await engine.setConsent({ personalize: true, share: true }, 'prompt');
    // Granting again the same day reports nothing new: the day's reports were already spent.
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect(posts).toEqual([]);
  });

  it('revoking personalize leaves no outbox behind', async () => {
    failWith = 500;
    const { engine, notices } = await sharing();
    await pushedStatus(notices, (s) => (s.privacy.outbox ?? 0) > 0);
    const revoked = await engine.setConsent({ personalize: false, share: false }, 'prompt');
    expect(revoked.privacy.outbox).toBe(0);
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('drops a batch the server refuses for good, spending the budget anyway', async () => {
    const { engine, notices } = await sharing(true, 'unknown-site');
    await pushedStatus(notices, (s) => s.privacy.reportsSent === 2 && s.privacy.outbox === 0);
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect((await engine.status()).privacy).toMatchObject({ epsilonToday: 2, outbox: 0 });
  });
});
