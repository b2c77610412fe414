/**
 * The transcript's encryption at rest in real Chromium: the AES-GCM key lives in IndexedDB as a
 * non-extractable CryptoKey, survives closing and reopening the database, and what is stored for a
 * message is ciphertext that fails loudly when altered, moved to another record or opened with
 * another key.
 */
import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StorageError } from '../protocol';
import { seal, TRANSCRIPT_KEY, transcriptKey, unseal } from './crypto-box';
import type { SealedMessage } from './state-map';
import { DB_NAME, destroyStore, openStore, type Store } from './store';

const SECRET = 'Mon numéro de commande est 4711 — où est-elle ? 🚚';

let open: Store | null = null;

async function openExisting(create: boolean): Promise<Store> {
  open = await openStore({ create });
  if (!open) throw new Error(`openStore({create: ${create}}) returned no store`);
  return open;
}

/** Every value of one object store, read with the raw API as any script on the origin could. */
function rawValues(storeName: 'transcripts' | 'keys'): Promise<unknown[]> {
  return new Promise((done, fail) => {
    const req = indexedDB.open(DB_NAME);
    req.onerror = () => fail(req.error);
    req.onsuccess = () => {
      const db = req.result;
      const all = db.transaction(storeName).objectStore(storeName).getAll();
      all.onsuccess = () => {
        db.close();
        done(all.result);
      };
      all.onerror = () => {
        db.close();
        fail(all.error);
      };
    };
  });
}

/** True when `needle` occurs in `hay` as a byte sequence. */
function containsBytes(hay: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

async function sealMessage(store: Store, id: string, text: string): Promise<SealedMessage> {
  const key = await transcriptKey(store);
  const message = { id, at: Date.now(), ...(await seal(key, id, text)) };
  await store.addMessage(message);
  return message;
}

beforeEach(async () => {
  await deleteDB(DB_NAME);
});

afterEach(async () => {
  await destroyStore(open);
  open = null;
});

describe('crypto-box in Chromium', () => {
  it('keeps one non-extractable key that still opens the transcript after close and reopen', async () => {
    const first = await openExisting(true);
    const key = await transcriptKey(first);
    expect(key.extractable).toBe(false);
    expect(key.algorithm).toMatchObject({ name: 'AES-GCM', length: 256 });
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    await sealMessage(first, 'm1', SECRET);
    first.close();

    const second = await openExisting(false);
    const kept = await transcriptKey(second);
    expect(kept).not.toBe(key);
    expect(kept.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', kept)).rejects.toThrow();
    const [stored] = await second.messages();
    if (!stored) throw new Error('the sealed message was not kept');
    expect(await unseal(kept, 'm1', stored)).toBe(SECRET);
    expect(await second.counts()).toMatchObject({ keys: 1, transcripts: 1 });
  });

  it('stores ciphertext only: no plaintext bytes in the record, the key as an opaque CryptoKey', async () => {
    const store = await openExisting(true);
    await sealMessage(store, 'm1', SECRET);
    await sealMessage(store, 'm2', SECRET);

    const records = (await rawValues('transcripts')) as SealedMessage[];
    expect(records).toHaveLength(2);
    const plain = new TextEncoder().encode(SECRET);
    const probe = plain.slice(0, 16);
    for (const r of records) {
      expect(Object.keys(r).sort()).toEqual(['at', 'data', 'id', 'iv']);
      const data = new Uint8Array(r.data);
      // AES-GCM: same length as the plaintext plus the 16-byte tag, and none of its bytes.
      expect(data.byteLength).toBe(plain.byteLength + 16);
      expect(containsBytes(data, probe)).toBe(false);
      // The time is kept in clear for ordering; left out here, as its digits could contain 4711.
      expect(JSON.stringify({ ...r, at: 0 })).not.toContain('4711');
    }
    // The same text twice gives different ciphertexts (a fresh IV per message).
    expect([...new Uint8Array(records[0]?.data ?? new ArrayBuffer(0))]).not.toEqual([
      ...new Uint8Array(records[1]?.data ?? new ArrayBuffer(0)),
    ]);

    const keys = await rawValues('keys');
    expect(keys).toHaveLength(1);
    expect(keys[0]).toBeInstanceOf(CryptoKey);
    expect((keys[0] as CryptoKey).extractable).toBe(false);
    expect(await store.getKey(TRANSCRIPT_KEY)).toBeInstanceOf(CryptoKey);
  });

  it('refuses altered ciphertext, an altered IV, another record id and another key', async () => {
    const store = await openExisting(true);
    const key = await transcriptKey(store);
    const message = await sealMessage(store, 'm1', SECRET);
    const [stored] = await store.messages();
    if (!stored) throw new Error('the sealed message was not kept');
    expect(await unseal(key, 'm1', stored)).toBe(SECRET);

    const flipped = new Uint8Array(stored.data.slice(0));
    flipped[3] = (flipped[3] ?? 0) ^ 0x01;
    await expect(unseal(key, 'm1', { iv: stored.iv, data: flipped.buffer })).rejects.toBeInstanceOf(
      StorageError,
    );

    const iv = Uint8Array.from(stored.iv);
    iv[0] = (iv[0] ?? 0) ^ 0x80;
    await expect(unseal(key, 'm1', { iv, data: stored.data })).rejects.toBeInstanceOf(StorageError);

    await expect(unseal(key, 'm2', stored)).rejects.toBeInstanceOf(StorageError);

    const other = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
      'encrypt',
      'decrypt',
    ]);
    await expect(unseal(other, 'm1', stored)).rejects.toBeInstanceOf(StorageError);

    // Nothing above changed what is stored: the original still opens.
    expect(await unseal(key, message.id, stored)).toBe(SECRET);
  });
});
