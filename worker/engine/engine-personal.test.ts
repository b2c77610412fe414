/**
 * The engine end to end on the real artifacts (served in process, run in Node onnxruntime-web):
 * real-time segment changes, the profile, the recommendation chain with feedback, experiments,
 * export, forget, and a worker restart. IndexedDB is fake-indexeddb; Chromium runs the browser tests.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import { titleTokens } from '../../models/features';
import { type ServedArtifacts, serveArtifacts } from '../../test/support/model-artifacts';
import type { TrackEvent, WorkerConfig, WorkerNotice } from '../protocol';
import { createEngine } from './engine';

let served: ServedArtifacts;
let catalog: Catalog;
let config: WorkerConfig;
let n = 0;
const ev = (type: TrackEvent['type'], props: TrackEvent['props'] = {}, ts = Date.now()): TrackEvent => ({
  type,
  props,
  ts,
  id: `p${++n}`,
});
const item = (i: number) => catalog.items[i]?.id ?? '';

beforeAll(async () => {
  served = await serveArtifacts();
  catalog = (await (await fetch(`${served.serverUrl}/v1/models/catalog.json`)).json()) as Catalog;
  config = {
    site: 'demo',
    serverUrl: served.serverUrl,
    notice: 'v1',
    gpc: false,
    experiments: [
      {
        id: 'greeting',
        variants: [
          { name: 'control', weight: 1 },
          { name: 'warm', weight: 1 },
        ],
      },
    ],
  };
});
afterAll(() => served.close());
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function consented() {
  const engine = createEngine();
  const notices: WorkerNotice[] = [];
  await engine.subscribe((x) => notices.push(x));
  await engine.init(config);
  await engine.setConsent({ personalize: true, share: false }, 'prompt');
  return { engine, notices };
}

/** Waits until the engine's background refresh has pushed a notice matching `pred`. */
async function noticeOf(notices: WorkerNotice[], pred: (x: WorkerNotice) => boolean): Promise<WorkerNotice> {
  for (let i = 0; i < 200; i++) {
    const hit = notices.find(pred);
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`no matching notice among ${notices.map((x) => x.type).join(', ')}`);
}

describe('engine personalization', () => {
  it('after consent, pushes the experiment arms first, then recommendations, then its status', async () => {
    const { engine, notices } = await consented();
    await noticeOf(notices, (x) => x.type === 'status');
    const order = notices.map((x) => x.type).filter((t) => t !== 'segment');
    expect(order.slice(0, 3)).toEqual(['experiment', 'recommendations', 'status']);
    const arm = notices.find((x) => x.type === 'experiment');
    expect(arm).toMatchObject({ assignment: { experiment: 'greeting', recorded: true } });
    // Once per page view: a second decision refreshes, but does not announce the arm again.
    const pushed = notices.length;
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await noticeOf(notices, (x) => notices.indexOf(x) >= pushed && x.type === 'status');
    expect(notices.filter((x) => x.type === 'experiment')).toHaveLength(1);
  });

  it('moves a browsing visitor to a buyer segment on the first purchase, within the page view', async () => {
    const { engine, notices } = await consented();
    await engine.track(ev('item_view', { item: item(3) }));
    expect(await engine.segment()).toMatchObject({ source: 'rule', name: 'browsing visitor' });
    await engine.track(ev('purchase', { item: item(3), price: 12.5, quantity: 2 }));
    const change = await noticeOf(notices, (x) => x.type === 'segment' && x.segment.source === 'model');
    expect(change).toMatchObject({ type: 'segment', previous: { name: 'browsing visitor' } });
    const segment = await engine.segment();
    expect(segment.source).toBe('model');
    expect(segment.reason).toMatch(/1 order/);
  });

  it('keeps the profile incrementally: windows, RFM and the last viewed item', async () => {
    const { engine } = await consented();
    const day = 86_400_000;
    await engine.track(
      ev('item_view', { item: item(1), title: catalog.items[1]?.title ?? '' }, Date.now() - 20 * day),
    );
    await engine.track(ev('purchase', { item: item(1), price: 10, quantity: 1 }, Date.now() - 20 * day));
    await engine.track(ev('page_view', { path: '/products/x' }));
    await engine.track(ev('item_view', { item: item(2) }));
    const profile = await engine.profile();
    expect(profile.windows.session).toMatchObject({ pageViews: 1, itemViews: 1, purchases: 0 });
    expect(profile.windows.d7.itemViews).toBe(1);
    expect(profile.windows.d30).toMatchObject({ itemViews: 2, purchases: 1, spend: 10 });
    expect(profile.rfm.orders).toBe(1);
    expect(profile.rfm.recencyDays).toBeGreaterThan(19);
    expect(profile.lastViewed?.id).toBe(item(2));
    expect(profile.context.pageType).toBe('product');
    expect(profile.events).toBe(4);
  });

  it('recommends with the personal model, excludes seen items, and learns from a thumbs down', async () => {
    const { engine, notices } = await consented();
    await engine.track(ev('item_view', { item: item(0) }));
    await engine.track(ev('add_to_cart', { item: item(4) }));
    const recs = await engine.recommend();
    expect(recs.basis).toBe('personal');
    expect(recs.items.length).toBeGreaterThan(0);
    const ids = recs.items.map((i) => i.id);
    expect(ids).not.toContain(item(0));
    expect(ids).not.toContain(item(4));
    expect(recs.items[0]?.because).toEqual(expect.arrayContaining([item(4)]));
    const disliked = ids[0] ?? '';
    expect(await engine.feedback({ target: 'recommendation', id: disliked, value: 'down' })).toEqual({
      recorded: true,
    });
    expect((await engine.recommend()).items.map((i) => i.id)).not.toContain(disliked);
    await noticeOf(
      notices,
      (x) => x.type === 'recommendations' && !x.recommendations.items.some((i) => i.id === disliked),
    );
  });

  it('ranks an item shown three times and never opened lower, and keeps exposure only with consent', async () => {
    const { engine } = await consented();
    await engine.track(ev('item_view', { item: item(0) }));
    const before = (await engine.recommend()).items.map((i) => i.id);
    const ignored = before[0] ?? '';
    for (let i = 0; i < 3; i++)
      expect(await engine.exposure({ shown: [{ id: ignored, basis: 'personal' }] })).toEqual({
        recorded: true,
      });
    const after = (await engine.recommend()).items.map((i) => i.id);
    expect(after.indexOf(ignored)).not.toBe(0);
    expect((await engine.export()).exposure[ignored]).toMatchObject({ shown: 3, opened: 0 });
    await expect(engine.exposure({ shown: [{ id: 'x'.repeat(201), basis: 'personal' }] })).rejects.toThrow(
      /exposure must be/,
    );
    // Another device, where the visitor has not decided: nothing is kept.
    globalThis.indexedDB = new IDBFactory();
    const anonymous = createEngine();
    await anonymous.init(config);
    expect(await anonymous.exposure({ opened: ignored })).toEqual({ recorded: false });
  });

  it('keeps a rating of a conversation of two messages or more, once per conversation, in the export', async () => {
    const { engine } = await consented();
    await engine.answer('where is my order');
    expect(await engine.rate({ rating: 'happy' })).toEqual({ recorded: false, reason: 'short' });
    await engine.answer('and how long does delivery take?');
    expect(await engine.rate({ rating: 'happy' })).toEqual({ recorded: true });
    // The same conversation again: nothing new to rate.
    expect(await engine.rate({ rating: 'unhappy' })).toEqual({ recorded: false, reason: 'short' });
    await expect(engine.rate({ rating: 'great' } as never)).rejects.toThrow(/rating must be/);
    const exported = await engine.export();
    expect(exported.ratings).toEqual([{ rating: 'happy', at: expect.any(Number), turns: 2 }]);
    expect(exported.impressions).toEqual([]);
    globalThis.indexedDB = new IDBFactory();
    const anonymous = createEngine();
    await anonymous.init(config);
    expect(await anonymous.rate({ rating: 'happy' })).toEqual({ recorded: false, reason: 'consent' });
  });

  it('applies a preference stated in the chat to the recommendations at once, and drops it on delete', async () => {
    const { engine } = await consented();
    await engine.track(ev('item_view', { item: item(0) }));
    const before = await engine.recommend();
    const word = titleTokens(before.items[0]?.title ?? '')[0] ?? '';
    expect(word).not.toBe('');
    const said = await engine.answer(`I don't like ${word}`);
    expect(said.decision.rule).toBe('preference');
    const after = await engine.recommend();
    expect(after.items.some((i) => titleTokens(i.title).includes(word))).toBe(false);
    const [pref] = await engine.preferences();
    await engine.forgetPreference(pref?.id ?? '');
    expect(await engine.preferences()).toEqual([]);
    expect((await engine.recommend()).items[0]?.id).toBe(before.items[0]?.id);
  });

  it('falls back to the segment prior for a buyer whose items the model does not know', async () => {
    const { engine } = await consented();
    await engine.track(ev('purchase', { item: 'NOT-IN-CATALOG', price: 40, quantity: 3 }));
    const recs = await engine.recommend();
    expect(recs.basis).toBe('segment');
    expect(recs.fallbackReason).toMatch(/personal: no viewed item/);
    expect(recs.items[0]?.reason).toMatch(/shoppers like you/);
  });

  it('buckets experiments deterministically per install and records exposure and conversion', async () => {
    const { engine } = await consented();
    const first = await engine.assign('greeting');
    expect(first.recorded).toBe(true);
    expect(['control', 'warm']).toContain(first.variant);
    for (let i = 0; i < 3; i++) expect((await engine.assign('greeting')).variant).toBe(first.variant);
    await engine.track(ev('purchase', { item: item(2), price: 5, quantity: 1 }));
    const restarted = createEngine();
    await restarted.init(config);
    expect((await restarted.assign('greeting')).variant).toBe(first.variant);
    const exported = await restarted.export();
    expect(exported.experiments).toEqual([
      expect.objectContaining({ experiment: 'greeting', variant: first.variant, conversions: 1 }),
    ]);
    await expect(engine.assign('nope')).rejects.toMatchObject({ code: 'invalid_argument' });
  });

  it('shows a returning visitor the last page’s recommendations first, then fresh ones', async () => {
    const { engine, notices } = await consented();
    await engine.track(ev('item_view', { item: item(5) }));
    await noticeOf(notices, (x) => x.type === 'recommendations' && x.recommendations.basis === 'personal');
    const kept = (await engine.export()).recommendations;
    expect(kept?.recommendations.items.length).toBeGreaterThan(0);
    // The next page's worker: the kept list is pushed before any model has run.
    const next = createEngine();
    const pushed: WorkerNotice[] = [];
    await next.subscribe((x) => pushed.push(x));
    await next.init(config);
    const first = (await noticeOf(pushed, (x) => x.type === 'recommendations')) as Extract<
      WorkerNotice,
      { type: 'recommendations' }
    >;
    expect(first.recommendations).toEqual(kept?.recommendations);
    expect(first.recommendations.basis).toBe('personal');
    await noticeOf(pushed, (x) => x.type === 'recommendations' && x !== first);
    // Revoked: nothing kept to show.
    await next.setConsent({ personalize: false, share: false }, 'prompt');
    expect((await next.export()).recommendations).toBeNull();
  });

  it('survives a worker restart with everything intact, and forget() leaves nothing', async () => {
    const { engine } = await consented();
    await engine.track(ev('item_view', { item: item(5) }));
    await engine.feedback({ target: 'recommendation', id: item(9), value: 'up' });
    // The first worker is simply dropped, as when a tab is closed mid-session.
    const next = createEngine();
    const status = await next.init(config);
    expect(status).toMatchObject({ storage: 'indexeddb', events: 1, consent: { personalize: true } });
    expect((await next.profile()).lastViewed?.id).toBe(item(5));
    const bundle = await next.export();
    expect(bundle.events.map((e) => e.props.item)).toEqual([item(5)]);
    expect(bundle.feedback).toEqual([expect.objectContaining({ id: item(9), value: 'up' })]);
    expect(bundle.segment?.name).toBe('browsing visitor');
    expect((await next.status()).stores).toMatchObject({ events: 1, derived: expect.any(Number) });
    const gone = await next.forget();
    expect(gone).toMatchObject({ consent: null, storage: 'none', events: 0, messages: 0 });
    expect(gone.stores).toEqual({ events: 0, messages: 0, derived: 0, keys: 0, cachedModels: 0 });
    expect(await indexedDB.databases()).toEqual([]);
    expect(await next.export()).toMatchObject({ events: [], profile: null, feedback: [], experiments: [] });
    await expect(next.profile()).rejects.toMatchObject({ code: 'consent_required' });
  });

  it('never loses or double-counts events when a tab closes before the deferred profile save', async () => {
    const { engine } = await consented();
    for (let i = 0; i < 3; i++) await engine.track(ev('item_view', { item: item(10 + i) }));
    // Restarted at once: the stored profile (if any) is behind the events, so it is rebuilt.
    const next = createEngine();
    await next.init(config);
    expect((await next.profile()).events).toBe(3);
    await new Promise((r) => setTimeout(r, 400));
    // After the deferred save has landed, a third worker reads the saved profile as is.
    const third = createEngine();
    await third.init(config);
    expect((await third.profile()).events).toBe(3);
  });

  it('writes nothing after revocation, even when consent is granted again at once', async () => {
    const { engine } = await consented();
    await engine.track(ev('item_view', { item: item(20) }));
    await engine.setConsent({ personalize: false, share: false }, 'prompt');
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await new Promise((r) => setTimeout(r, 400));
    const profile = await engine.profile();
    expect(profile.events).toBe(0);
    expect(profile.lastViewed).toBeUndefined();
  });
});
