/**
 * Sealing under Node's WebCrypto, with the key kept by the IndexedDB store (fake-indexeddb, which
 * structured-clones CryptoKeys in Node 20) and by the memory store. Real Chromium IndexedDB is
 * covered by the browser test of the same API.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../protocol';
import { IV_BYTES, seal, TRANSCRIPT_KEY, transcriptKey, unseal } from './crypto-box';
import { createMemoryStore } from './memory-store';
import { openStore, type Store } from './store';

const newKey = () =>
  crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** A memory store that counts how many keys were written. */
function countingStore(): { store: Store; puts: () => number } {
  const inner = createMemoryStore();
  let puts = 0;
  return {
    store: {
      ...inner,
      async keepFirstKey(name, key) {
        puts += 1;
        return inner.keepFirstKey(name, key);
      },
    },
    puts: () => puts,
  };
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('seal / unseal', () => {
  it('round-trips text, including non-ASCII, under a fresh IV each time', async () => {
    const key = await newKey();
    const text = 'Où est ma commande ? 🚚 — 注文';
    const a = await seal(key, 'm1', text);
    const b = await seal(key, 'm1', text);
    expect(a.iv.byteLength).toBe(IV_BYTES);
    expect(Buffer.from(a.iv).equals(Buffer.from(b.iv))).toBe(false);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
    expect(await unseal(key, 'm1', a)).toBe(text);
    expect(await unseal(key, 'm1', b)).toBe(text);
  });

  it('rejects a flipped byte anywhere in the ciphertext or the IV', async () => {
    const key = await newKey();
    const sealed = await seal(key, 'm1', 'hello');
    for (let i = 0; i < sealed.data.byteLength; i++) {
      const data = sealed.data.slice(0);
      const view = new Uint8Array(data);
      view[i] = (view[i] ?? 0) ^ 0x01;
      await expect(unseal(key, 'm1', { iv: sealed.iv, data })).rejects.toBeInstanceOf(StorageError);
    }
    const iv = new Uint8Array(sealed.iv);
    iv[0] = (iv[0] ?? 0) ^ 0x80;
    await expect(unseal(key, 'm1', { iv, data: sealed.data })).rejects.toBeInstanceOf(StorageError);
  });

  it('rejects a ciphertext moved to another record id', async () => {
    const key = await newKey();
    const sealed = await seal(key, 'm1', 'hello');
    await expect(unseal(key, 'm2', sealed)).rejects.toThrow(/could not be decrypted/);
  });

  it('rejects another key', async () => {
    const sealed = await seal(await newKey(), 'm1', 'hello');
    const err = await unseal(await newKey(), 'm1', sealed).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('internal');
  });

  it('rejects malformed records before decrypting', async () => {
    const key = await newKey();
    const sealed = await seal(key, 'm1', 'hello');
    await expect(unseal(key, 'm1', { iv: sealed.iv.slice(0, 8), data: sealed.data })).rejects.toThrow(
      /malformed/,
    );
    const notBuffer = 'x' as unknown as ArrayBuffer;
    await expect(unseal(key, 'm1', { iv: sealed.iv, data: notBuffer })).rejects.toThrow(/malformed/);
  });
});

describe('transcriptKey', () => {
  it('creates a non-extractable AES-GCM 256 key whose bytes cannot be exported', async () => {
    const key = await transcriptKey(createMemoryStore());
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    expect([...key.usages].sort()).toEqual(['decrypt', 'encrypt']);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await expect(crypto.subtle.exportKey('jwk', key)).rejects.toThrow();
  });

  it('creates one key for concurrent first calls and stores it', async () => {
    const { store, puts } = countingStore();
    const got = await Promise.all(Array.from({ length: 8 }, () => transcriptKey(store)));
    expect(puts()).toBe(1);
    expect(new Set(got).size).toBe(1);
    expect(await store.getKey(TRANSCRIPT_KEY)).toBe(got[0]);
  });

  it('uses the key already kept rather than making a new one', async () => {
    const { store, puts } = countingStore();
    const kept = await newKey();
    await store.putKey(TRANSCRIPT_KEY, kept);
    const before = puts();
    expect(await transcriptKey(store)).toBe(kept);
    expect(puts()).toBe(before);
  });

  it('retries after a failed lookup instead of remembering the failure', async () => {
    const inner = createMemoryStore();
    let fail = true;
    const store: Store = {
      ...inner,
      async getKey(name) {
        if (fail) throw new DOMException('refused', 'UnknownError');
        return inner.getKey(name);
      },
    };
    await expect(transcriptKey(store)).rejects.toThrow(/refused/);
    fail = false;
    const key = await transcriptKey(store);
    expect(await inner.getKey(TRANSCRIPT_KEY)).toBe(key);
  });

  it('keeps the key through closing and reopening the IndexedDB store', async () => {
    const first = await openStore({ create: true });
    if (!first) throw new Error('no store');
    const sealed = await seal(await transcriptKey(first), 'm1', 'still readable');
    first.close();

    const second = await openStore({ create: false });
    if (!second) throw new Error('the database did not survive closing');
    const key = await transcriptKey(second);
    expect(key.extractable).toBe(false);
    expect(await unseal(key, 'm1', sealed)).toBe('still readable');
    expect((await second.counts()).keys).toBe(1);
    second.close();
  });
});
