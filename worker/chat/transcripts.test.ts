/**
 * The encrypted transcript against the memory store and the IndexedDB store (fake-indexeddb).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../protocol';
import { ValidationError } from '../protocol';
import { createMemoryStore, openStore, type Store, seal, transcriptKey } from '../storage';
import { appendMessage, MAX_MESSAGE_TEXT, readTranscript, validateChatMessage } from './transcripts';

const T = Date.UTC(2026, 5, 1, 12);
const visitor = (id: string, text: string, at = T): ChatMessage => ({ id, role: 'visitor', text, at });
const assistant = (id: string, text: string, at = T): ChatMessage => ({
  id,
  role: 'assistant',
  text,
  at,
  decision: { rule: 'segment-variant', variant: 'bargain_hunters', intent: 'order_status', confidence: 0.91 },
});

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).indexOf(Buffer.from(needle)) !== -1;
}

async function idbStore(): Promise<Store> {
  const store = await openStore({ create: true });
  if (!store) throw new Error('no store');
  return store;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe.each([
  ['memory', async () => createMemoryStore()],
  ['indexeddb', idbStore],
])('transcript in the %s store', (_name, open) => {
  it('reads back what was appended, in append order even within one millisecond', async () => {
    const store = await open();
    const key = await transcriptKey(store);
    const sent = [
      visitor('zz-question', 'Where is my order?'),
      assistant('aa-answer', 'It ships tomorrow.'),
      visitor('mm-thanks', 'Thanks!', T + 5),
    ];
    for (const m of sent) await appendMessage(store, key, m);
    expect(await readTranscript(store, key)).toEqual({ messages: sent, unreadable: 0 });
    store.close();
  });

  it('keeps call order for appends that run concurrently', async () => {
    const store = await open();
    const key = await transcriptKey(store);
    const sent = Array.from({ length: 10 }, (_, i) => visitor(`m${9 - i}`, `message ${i}`));
    await Promise.all(sent.map((m) => appendMessage(store, key, m)));
    expect((await readTranscript(store, key)).messages.map((m) => m.text)).toEqual(sent.map((m) => m.text));
    store.close();
  });

  it('stores no plaintext: neither the text nor the decision appears in the record', async () => {
    const store = await open();
    const key = await transcriptKey(store);
    const text = 'My card ending 4242 was charged twice for the walnut side table';
    await appendMessage(store, key, assistant('a1', text));
    const [record] = await store.messages();
    if (!record) throw new Error('nothing stored');
    expect(Object.keys(record).sort()).toEqual(['at', 'data', 'id', 'iv']);
    const bytes = new Uint8Array(record.data);
    const enc = new TextEncoder();
    for (const needle of [text, 'walnut', 'bargain_hunters', 'order_status', '"role"']) {
      expect(contains(bytes, enc.encode(needle))).toBe(false);
      expect(contains(bytes, Buffer.from(needle, 'utf16le'))).toBe(false);
    }
    // The search itself must be able to succeed, or the assertions above prove nothing.
    expect(contains(enc.encode(`xx${text}yy`), enc.encode('walnut'))).toBe(true);
    store.close();
  });
});

describe('unreadable records', () => {
  it('counts a corrupted record and still returns the others', async () => {
    const store = createMemoryStore();
    const key = await transcriptKey(store);
    await appendMessage(store, key, visitor('m1', 'first', T));
    await appendMessage(store, key, visitor('m2', 'second', T + 1));
    await appendMessage(store, key, visitor('m3', 'third', T + 2));
    const records = await store.messages();
    const victim = records[1];
    if (!victim) throw new Error('missing record');
    const data = victim.data.slice(0);
    const view = new Uint8Array(data);
    view[3] = (view[3] ?? 0) ^ 0xff;
    await store.addMessage({ ...victim, data });
    const read = await readTranscript(store, key);
    expect(read.messages.map((m) => m.id)).toEqual(['m1', 'm3']);
    expect(read.unreadable).toBe(1);
  });

  it('counts records that decrypt but do not hold a valid message for their id', async () => {
    const store = createMemoryStore();
    const key = await transcriptKey(store);
    await appendMessage(store, key, visitor('good', 'fine', T));
    await store.addMessage({ id: 'junk', at: T + 1, ...(await seal(key, 'junk', 'not json {')) });
    const badRole = JSON.stringify({ id: 'role', role: 'system', text: 'x', at: T });
    await store.addMessage({ id: 'role', at: T + 2, ...(await seal(key, 'role', badRole)) });
    const other = JSON.stringify(visitor('elsewhere', 'moved'));
    await store.addMessage({ id: 'swap', at: T + 3, ...(await seal(key, 'swap', other)) });
    const read = await readTranscript(store, key);
    expect(read.messages.map((m) => m.id)).toEqual(['good']);
    expect(read.unreadable).toBe(3);
  });

  it('counts every record as unreadable under another key', async () => {
    const store = createMemoryStore();
    await appendMessage(store, await transcriptKey(store), visitor('m1', 'hello'));
    const other = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    expect(await readTranscript(store, other)).toEqual({ messages: [], unreadable: 1 });
  });
});

describe('message validation', () => {
  const reject = (m: unknown, field: RegExp) => {
    expect(() => validateChatMessage(m)).toThrow(ValidationError);
    expect(() => validateChatMessage(m)).toThrow(field);
  };

  it('rejects bad ids, roles, texts, times and decisions, naming the field', () => {
    reject(null, /message must be an object/);
    reject({ ...visitor('ok', 'x'), id: '' }, /message\.id/);
    reject({ ...visitor('ok', 'x'), id: 'has space' }, /message\.id/);
    reject({ ...visitor('ok', 'x'), id: 'x'.repeat(65) }, /message\.id/);
    reject({ ...visitor('ok', 'x'), role: 'system' }, /message\.role/);
    reject(visitor('ok', ''), /message\.text/);
    reject(visitor('ok', 'x'.repeat(MAX_MESSAGE_TEXT + 1)), /message\.text/);
    reject({ ...visitor('ok', 'x'), text: 42 }, /message\.text/);
    reject(visitor('ok', 'x', Number.NaN), /message\.at/);
    reject(visitor('ok', 'x', -1), /message\.at/);
    reject({ ...visitor('ok', 'x'), decision: assistant('a', 'y').decision }, /only allowed on assistant/);
    reject(
      { ...assistant('a', 'y'), decision: { rule: 'r', variant: 'v', intent: 3, confidence: 1 } },
      /intent/,
    );
    reject(
      { ...assistant('a', 'y'), decision: { rule: 'r', variant: 'v', intent: null, confidence: 2 } },
      /confidence/,
    );
  });

  it('accepts the longest text and drops fields it does not know', async () => {
    const long = visitor('ok', 'x'.repeat(MAX_MESSAGE_TEXT));
    expect(validateChatMessage(long)).toEqual(long);
    const store = createMemoryStore();
    const key = await transcriptKey(store);
    await appendMessage(store, key, { ...visitor('m1', 'hi'), secret: 'not kept' } as ChatMessage);
    const [m] = (await readTranscript(store, key)).messages;
    expect(m).toEqual(visitor('m1', 'hi'));
  });

  it('keeps a dialogue context on an assistant message, bounded, and refuses a malformed one', async () => {
    const context = {
      shown: { ids: ['22423'], prices: [12.75], terms: ['cake'] },
      focus: { id: '22423', title: 'Regency Cakestand 3 Tier' },
      intent: 'delivery_period',
      clarify: { options: ['track_order'], text: 'my order' },
      failures: 1,
    };
    const store = createMemoryStore();
    const key = await transcriptKey(store);
    await appendMessage(store, key, { ...assistant('a1', 'Here…'), context });
    expect((await readTranscript(store, key)).messages[0]?.context).toEqual(context);
    const reject = (c: unknown, re: RegExp) =>
      expect(() => validateChatMessage({ ...assistant('a2', 'x'), context: c })).toThrow(re);
    reject({ shown: { ids: Array(13).fill('x'), prices: [], terms: [] } }, /context\.shown/);
    reject({ focus: { id: 'x' } }, /context\.focus/);
    reject({ failures: -1 }, /context\.failures/);
    reject([], /context must be an object/);
    expect(() => validateChatMessage({ ...visitor('v1', 'x'), context: {} })).toThrow(
      /only allowed on assistant/,
    );
  });

  it('rejects an invalid message as a rejected promise and stores nothing', async () => {
    const store = createMemoryStore();
    const key = await transcriptKey(store);
    const pending = appendMessage(store, key, visitor('bad id', 'x'));
    await expect(pending).rejects.toBeInstanceOf(ValidationError);
    expect(await store.countMessages()).toBe(0);
  });
});
