/**
 * Sealing of chat messages at rest with AES-GCM, under a key generated on the device as
 * non-extractable and kept in the same database as a CryptoKey.
 *
 * What this protects: the records never hold the text in clear, so whatever reads records without
 * this module (the IndexedDB view in devtools, a tool or a bug that dumps raw records) sees only
 * ciphertext, a record moved or altered is refused (its id is authenticated), and no script can
 * read the key's bytes to decrypt elsewhere.
 *
 * What it does not protect against: anyone with a copy of the browser profile's files (the browser
 * keeps the key's material in the same database, so the copy decrypts), script running on the
 * widget's origin (it may use the key), malware, or the browser itself. What keeps the transcript from
 * the host page's scripts is the widget's own origin, not this encryption.
 */
import { StorageError } from '../protocol';
import type { Store } from './store';

/** Name of the transcript key in the store's `keys` object store. */
export const TRANSCRIPT_KEY = 'transcript';
/** AES-GCM IV length in bytes: 96 bits is the size GCM is specified and analysed for. */
export const IV_BYTES = 12;

/** A sealed payload: the random IV and the ciphertext with its 128-bit tag appended. */
export interface Sealed {
  readonly iv: Uint8Array;
  readonly data: ArrayBuffer;
}

// One lookup-or-create per store: two concurrent first calls would otherwise both see no key,
// both generate one, and the loser's messages would become unreadable once the winner's key is kept.
const keys = new WeakMap<Store, Promise<CryptoKey>>();

/**
 * The store's transcript key: the one already kept, or a fresh AES-GCM 256-bit key
 * (non-extractable, encrypt/decrypt only) that is stored before it is returned.
 * Concurrent calls for the same store share one lookup and so one key.
 */
export function transcriptKey(store: Store): Promise<CryptoKey> {
  let key = keys.get(store);
  if (!key) {
    key = loadOrCreate(store);
    keys.set(store, key);
    // A failed lookup (storage refused) must not stick: a later call retries.
    key.catch(() => {
      if (keys.get(store) === key) keys.delete(store);
    });
  }
  return key;
}

async function loadOrCreate(store: Store): Promise<CryptoKey> {
  const kept = await store.getKey(TRANSCRIPT_KEY);
  if (kept) return kept;
  const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  // Another tab may have stored its own key meanwhile; the store keeps the first, atomically, and
  // that one is what every reader, here and there, encrypts with.
  return store.keepFirstKey(TRANSCRIPT_KEY, fresh);
}

/**
 * Encrypts `plaintext` under a fresh random IV. The record id is bound as additional authenticated
 * data, so a ciphertext copied into another record fails to open there.
 */
export async function seal(key: CryptoKey, id: string, plaintext: string): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8(id) },
    key,
    utf8(plaintext),
  );
  return { iv, data };
}

/**
 * Decrypts what {@link seal} produced for the same `id`. Throws a `StorageError` when the record was
 * altered, sealed under another key or for another id, or is not shaped like a sealed payload.
 */
export async function unseal(key: CryptoKey, id: string, sealed: Sealed): Promise<string> {
  const { iv, data } = sealed;
  if (!isBytes(iv, 'Uint8Array') || iv.byteLength !== IV_BYTES || !isBytes(data, 'ArrayBuffer')) {
    throw new StorageError('internal', `sealed record "${id}" is malformed`);
  }
  let plain: ArrayBuffer;
  try {
    // Copies give WebCrypto buffers it owns; the record's may be views into a shared buffer.
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: new Uint8Array(iv), additionalData: utf8(id) },
      key,
      new Uint8Array(data),
    );
  } catch {
    // GCM cannot tell which of these happened, so the message names all three.
    throw new StorageError(
      'internal',
      `sealed record "${id}" could not be decrypted (altered, other key or other record)`,
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new StorageError('internal', `sealed record "${id}" is not valid UTF-8`);
  }
}

// By tag rather than instanceof: records cloned out of the store may come from another realm.
function isBytes(x: unknown, tag: 'Uint8Array' | 'ArrayBuffer'): boolean {
  return Object.prototype.toString.call(x) === `[object ${tag}]`;
}

function utf8(s: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(s);
}
