/**
 * The chat through the engine on the real intent model (served in process, run in Node
 * onnxruntime-web): decisions and the rule that fired, site templates with segment variants and
 * profile slots, feedback that changes the next answer, the encrypted transcript, and the
 * no-consent path that keeps nothing.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ServedArtifacts, serveArtifacts } from '../../test/support/model-artifacts';
import type { TrackEvent, WorkerConfig } from '../protocol';
import { DB_NAME } from '../storage';
import { createEngine } from './engine';

let served: ServedArtifacts;
let config: WorkerConfig;
const CANCEL = 'I need to cancel my order please';

beforeAll(async () => {
  served = await serveArtifacts();
  config = {
    site: 'demo',
    serverUrl: served.serverUrl,
    notice: 'v1',
    gpc: false,
    handoff: { label: 'Write to us', href: 'mailto:help@shop.example' },
    templates: {
      intents: {
        cancel_order: {
          default: 'You can cancel it under Orders.',
          segments: {
            'browsing visitor': 'Still thinking about {{last_viewed}}? You can cancel under Orders.',
          },
        },
      },
    },
  };
});
afterAll(() => served.close());
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const view: TrackEvent = {
  type: 'item_view',
  props: { item: '85123A', title: 'Heart T-light holder' },
  ts: Date.now(),
  id: 'v1',
};

/** Every byte of every stored transcript record, as text, straight from IndexedDB. */
async function rawTranscripts(): Promise<string> {
  const db = await new Promise<IDBDatabase>((done, fail) => {
    const req = indexedDB.open(DB_NAME);
    req.onsuccess = () => done(req.result);
    req.onerror = () => fail(req.error);
  });
  const all = await new Promise<unknown[]>((done) => {
    const req = db.transaction('transcripts').objectStore('transcripts').getAll();
    req.onsuccess = () => done(req.result);
  });
  db.close();
  const dec = new TextDecoder('utf-8', { fatal: false });
  return all
    .map((r) => {
      const rec = r as { data: ArrayBuffer; iv: Uint8Array };
      return JSON.stringify({ ...rec, data: dec.decode(rec.data), iv: dec.decode(rec.iv) });
    })
    .join('\n');
}

describe('engine chat', () => {
  it('answers from the site template, personalized by segment and profile, and says which rule fired', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.track(view);
    const answer = await engine.answer(CANCEL);
    expect(answer.intent.intent).toBe('cancel_order');
    expect(answer.decision).toMatchObject({ rule: 'segment-variant', variant: 'browsing visitor' });
    expect(answer.text).toBe('Still thinking about Heart T-light holder? You can cancel under Orders.');
  });

  it('learns from a thumbs down on an answer: the next one uses the default variant', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.track(view);
    const first = await engine.answer(CANCEL);
    expect(await engine.feedback({ target: 'answer', id: first.id, value: 'down' })).toEqual({
      recorded: true,
    });
    const second = await engine.answer(CANCEL);
    expect(second.decision).toMatchObject({ rule: 'default-variant', variant: 'default' });
    expect(second.text).toBe('You can cancel it under Orders.');
    expect(await engine.feedback({ target: 'answer', id: 'no-such-answer', value: 'up' })).toEqual({
      recorded: false,
      reason: 'unknown',
    });
  });

  it('keeps the transcript encrypted at rest, redacted, and readable again after a restart', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.answer(`${CANCEL}, my e-mail is jane@example.com`);
    const raw = await rawTranscripts();
    expect(raw).not.toContain('cancel');
    expect(raw).not.toContain('Orders');
    expect(raw).not.toContain('jane@example.com');
    const restarted = createEngine();
    expect(await restarted.init(config)).toMatchObject({ messages: 2 });
    const transcript = await restarted.transcript();
    expect(transcript.map((m) => m.role)).toEqual(['visitor', 'assistant']);
    expect(transcript[0]?.text).toBe(`${CANCEL}, my e-mail is [email]`);
    expect(transcript[1]?.decision?.intent).toBe('cancel_order');
    expect((await restarted.export()).transcript).toHaveLength(2);
  });

  it('answers without consent from the defaults, keeping the conversation in memory only', async () => {
    const engine = createEngine();
    await engine.init(config);
    const answer = await engine.answer(CANCEL);
    expect(answer.decision.rule).toBe('default-variant');
    expect(await engine.transcript()).toHaveLength(2);
    expect(await indexedDB.databases()).toEqual([]);
    expect(await engine.feedback({ target: 'answer', id: answer.id, value: 'up' })).toEqual({
      recorded: false,
      reason: 'consent',
    });

    // Opting in afterwards keeps the conversation so far, encrypted, in order.
    expect(await engine.setConsent({ personalize: true, share: false }, 'prompt')).toMatchObject({
      messages: 2,
    });
    await engine.answer(CANCEL);
    expect((await createEngine().init(config)).messages).toBe(4);
    expect((await engine.transcript()).map((m) => m.role)).toEqual([
      'visitor',
      'assistant',
      'visitor',
      'assistant',
    ]);
  });

  it('prepares an answer while the visitor types: the model is loaded, nothing is kept', async () => {
    const engine = createEngine();
    await engine.init(config);
    const requests: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
    try {
      await engine.prepare();
      // Everything the answer needs is fetched now; answering afterwards fetches nothing more.
      expect(requests.some((u) => u.includes('/v1/models/intent'))).toBe(true);
      const before = requests.length;
      const answer = await engine.answer(CANCEL);
      expect(answer.decision.rule).toBe('default-variant');
      expect(requests.slice(before)).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
    expect(await indexedDB.databases()).toEqual([]);
  });

  it('hands off or asks again when the message is out of scope', async () => {
    const engine = createEngine();
    await engine.init(config);
    const answer = await engine.answer('What is the boiling point of tungsten on Mars?');
    expect(answer.intent.intent).toBeNull();
    expect(['clarify', 'handoff-oos']).toContain(answer.decision.rule);
    if (answer.decision.rule === 'handoff-oos') expect(answer.handoff?.href).toBe('mailto:help@shop.example');
    const human = await engine.answer('Can I talk to a real person?');
    expect(human.decision.rule).toBe('handoff');
    expect(human.handoff).toEqual(config.handoff);
  });

  it('keeps the handoff link with the answer, so a restored conversation shows it as it was given', async () => {
    const engine = createEngine();
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    const human = await engine.answer('Can I talk to a real person?');
    expect(human.decision.rule).toBe('handoff');
    const restarted = createEngine();
    await restarted.init({ ...config, handoff: { label: 'New desk', href: 'https://help.example/' } });
    const kept = (await restarted.transcript()).find((m) => m.id === human.id);
    expect(kept?.handoff).toEqual(config.handoff);
    expect((await restarted.transcript()).filter((m) => m.handoff)).toHaveLength(1);
  });

  it('refuses bad input with typed errors and keeps what was stored', async () => {
    const engine = createEngine();
    await expect(
      engine.init({ ...config, templates: { intents: { no_such_intent: { default: 'x' } } } }),
    ).resolves.toBeDefined();
    await expect(
      createEngine().init({ ...config, templates: { intents: { cancel_order: { default: '' } } } }),
    ).rejects.toMatchObject({ name: 'ValidationError', code: 'invalid_argument' });
    await engine.init(config);
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    await engine.answer(CANCEL);
    await expect(engine.answer('   ')).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(engine.answer('x'.repeat(5000))).rejects.toMatchObject({ code: 'invalid_argument' });
    await expect(engine.answer(42 as unknown as string)).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(await engine.transcript()).toHaveLength(2);
  });
});
