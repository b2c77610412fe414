/**
 * Bucketing: the device is assigned by a hash of a random per-install salt, never sent anywhere, so
 * the variant identifies nobody and the same install always lands in the same variant.
 */
import type { Assignment, ExperimentSpec } from '../protocol';
import type { Store } from '../storage';

const SALT_PATTERN = /^[0-9a-f]{32}$/;
/** 2^48: the first six digest bytes read as an integer are uniform below this. */
const TWO_POW_48 = 2 ** 48;

// One lookup-or-create per store, so concurrent first calls cannot mint two salts (and so two
// different assignments for the same visitor).
const salts = new WeakMap<Store, Promise<string>>();

/**
 * The install's salt: 16 random bytes as hex, created on first use and kept in state `salt`.
 * Concurrent calls for one store yield the same salt.
 */
export function installSalt(store: Store): Promise<string> {
  let salt = salts.get(store);
  if (!salt) {
    salt = loadOrCreateSalt(store);
    salts.set(store, salt);
    // A refused read must not stick: a later call retries.
    salt.catch(() => {
      if (salts.get(store) === salt) salts.delete(store);
    });
  }
  return salt;
}

async function loadOrCreateSalt(store: Store): Promise<string> {
  const kept = await store.getState('salt');
  if (typeof kept === 'string' && SALT_PATTERN.test(kept)) return kept;
  const fresh = toHex(crypto.getRandomValues(new Uint8Array(16)));
  if (kept !== undefined) {
    // A damaged salt is replaced outright: nothing valid was ever bucketed with it.
    await store.putState('salt', fresh);
    return fresh;
  }
  // Another tab may be minting one too; the store keeps the first, atomically.
  return store.keepFirstState('salt', fresh);
}

/**
 * The variant index for this salt: SHA-256 of `salt + "\u0000" + spec.id`, the first 6 bytes read
 * big-endian as a number uniform in [0, 1), mapped onto the cumulative weights. The same salt always
 * gets the same variant, and the per-experiment hash keeps assignments independent across experiments.
 */
export async function bucket(salt: string, spec: ExperimentSpec): Promise<number> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${salt}\u0000${spec.id}`)),
  );
  let x = 0;
  for (let i = 0; i < 6; i++) x = x * 256 + (digest[i] ?? 0);
  const total = spec.variants.reduce((sum, v) => sum + v.weight, 0);
  const target = (x / TWO_POW_48) * total;
  let cumulative = 0;
  for (let i = 0; i < spec.variants.length; i++) {
    cumulative += spec.variants[i]?.weight ?? 0;
    if (target < cumulative) return i;
  }
  // Only rounding in the running sum can land here; the last variant owns the top of the range.
  return spec.variants.length - 1;
}

/** The assignment for this salt, with `recorded` saying whether the exposure was recorded. */
export async function assignmentFor(
  salt: string,
  spec: ExperimentSpec,
  recorded: boolean,
): Promise<Assignment> {
  const index = await bucket(salt, spec);
  return { experiment: spec.id, variant: spec.variants[index]?.name ?? '', index, recorded };
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
