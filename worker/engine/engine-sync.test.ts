/**
 * The engine's sync client end to end on the real artifacts and the real sync server app (in
 * process, see test/support/model-artifacts): what a consented device queues and sends on its own
 * (after delivering recommendations, and when the page is hidden), that the ledger is charged once
 * per report, that every active day reports the same whole set (none values included), that nothing
 * is reported twice a day or without `share`, that revoking `share` empties the outbox, and that a
 * device on session memory never shares.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../models/features';
import {
  FEEDBACK_DOMAIN,
  inFeedbackGroup,
  intentDomain,
  parseReportBatch,
  reportEpsilon,
  segmentDomain,
} from '../../sync-server/protocol';
import { blockIndexedDB } from '../../test/support/blocked-indexeddb';
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

/** The daily set of the served model (no experiments on the site): its reports and epsilon. */
let SET: { reports: number; epsilon: number };

beforeAll(async () => {
  served = await serveArtifacts();
  const segments = segmentDomain(served.manifest.models.segment?.segments.length ?? 0);
  const intents = intentDomain(served.manifest.models.intent?.labels.length ?? 0);
  SET = {
    reports: 4,
    epsilon:
      reportEpsilon('segment_share', segments) +
      reportEpsilon('item_popularity', 0) +
      reportEpsilon('intent_count', intents) +
      reportEpsilon('template_feedback', FEEDBACK_DOMAIN),
  };
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
afterEach(() => {
  vi.useRealTimers();
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
    const privacy = {
      epsilonToday: expect.closeTo(SET.epsilon, 9),
      reportsSent: SET.reports,
      epsilonTotal: expect.closeTo(SET.epsilon, 9),
      outbox: 0,
      sharing: 'on',
    };
    const pushed = await pushedStatus(
      notices,
      (s) => s.privacy.reportsSent === SET.reports && s.privacy.outbox === 0,
    );
    expect(pushed.privacy).toMatchObject(privacy);
    // The whole set, though the visitor neither chatted nor voted: those go as "none"; of the
    // feedback group, the one metric the device drew today.
    const kinds = reportsIn(posts);
    const group = kinds.filter((k) => inFeedbackGroup(k.split('/')[0] ?? ''));
    expect(kinds.filter((k) => !group.includes(k)).sort()).toEqual([
      'intent_count/krr',
      'item_popularity/cms',
      'segment_share/krr',
    ]);
    expect(group).toHaveLength(1);
    expect(group[0]).toMatch(/\/krr$/);
    const sent = posts.length;
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    // A reload (a new worker on the same database) does not report the day again.
    const reloaded = createEngine();
    await reloaded.init(config);
    expect(await reloaded.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect(posts).toHaveLength(sent);
    expect((await reloaded.status()).privacy).toMatchObject(privacy);
  });

  it('reports a chat after the day’s set in the next active day’s set, not on its own', async () => {
    const { engine, notices } = await sharing();
    await pushedStatus(notices, (s) => s.privacy.reportsSent === SET.reports && s.privacy.outbox === 0);
    await engine.answer('where is my order?');
    await engine.hidden();
    // Nothing new today: a report right after the chat would say that the visitor chatted.
    expect(reportsIn(posts)).toHaveLength(SET.reports);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 86_400_000);
    expect(await engine.sync()).toMatchObject({ sent: 1, queued: 0 });
    expect(reportsIn(posts)).toHaveLength(2 * SET.reports);
    expect((await engine.status()).privacy).toMatchObject({
      epsilonToday: expect.closeTo(SET.epsilon, 9),
      reportsSent: 2 * SET.reports,
    });
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
    await pushedStatus(notices, (s) => s.privacy.reportsSent === SET.reports);
    expect(await engine.sync()).toMatchObject({ sent: 0, skipped: 'backoff' });
    const queued = (await engine.status()).privacy.outbox;
    expect(queued).toBeGreaterThan(0);
    expect((await engine.status()).privacy).toMatchObject({
      epsilonToday: expect.closeTo(SET.epsilon, 9),
      reportsSent: SET.reports,
    });
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
    failWith = 400;
    const { engine, notices } = await sharing();
    await pushedStatus(notices, (s) => s.privacy.reportsSent === SET.reports && s.privacy.outbox === 0);
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'empty' });
    expect((await engine.status()).privacy).toMatchObject({
      epsilonToday: expect.closeTo(SET.epsilon, 9),
      outbox: 0,
    });
  });

  it('keeps the batch of a site the server does not know yet, to try again minutes later', async () => {
    // A site still being provisioned, or a deploy routing to the wrong server: not a final answer.
    const { engine, notices } = await sharing(true, 'unknown-site');
    await pushedStatus(notices, (s) => s.privacy.reportsSent === SET.reports && (s.privacy.outbox ?? 0) > 0);
    expect(await engine.sync()).toMatchObject({ sent: 0, skipped: 'backoff' });
    expect((await engine.status()).privacy).toMatchObject({
      epsilonToday: expect.closeTo(SET.epsilon, 9),
      outbox: 1,
    });
  });
});

describe('engine sync on session memory', () => {
  it('records share but never builds or sends a report, and says sharing is unavailable', async () => {
    blockIndexedDB();
    const { engine, notices } = await sharing();
    const pushed = await pushedStatus(notices, (s) => s.storage === 'memory');
    expect(pushed.consent).toMatchObject({ share: true });
    await engine.hidden();
    expect(await engine.sync()).toEqual({ sent: 0, queued: 0, skipped: 'unavailable' });
    expect((await engine.status()).privacy).toMatchObject({
      sharing: 'unavailable',
      epsilonToday: 0,
      reportsSent: 0,
      outbox: 0,
    });
    expect(posts).toEqual([]);
  });
});
