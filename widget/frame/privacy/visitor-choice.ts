/**
 * The visitor's latest decision inside the widget, remembered in the frame's own localStorage (the
 * widget's origin, partitioned per embedding site by the browser) while `personalize` is off. Then
 * nothing else is stored, so this is what keeps a "Reject all" in force on the next page, where
 * otherwise a host page script could turn personalization on before the visitor sees the widget
 * again. It holds two booleans and a time: no identifier, nothing about what the visitor did. With
 * `personalize` on, the consent record in IndexedDB carries the decision instead, and "delete
 * everything" removes this too.
 */
import type { ConsentPurposes, ConsentRecord } from '../../../worker/protocol';

/** The localStorage key. */
export const CHOICE_KEY = 'confide:choice';

/** A remembered decision. */
export type VisitorChoice = ConsentPurposes & { readonly at: number };

/** The remembered decision, or `undefined` (none, unreadable, or storage refused). */
export function readChoice(
  storage: Pick<Storage, 'getItem'> | null = localStore(),
): VisitorChoice | undefined {
  try {
    const raw = storage?.getItem(CHOICE_KEY);
    if (!raw) return undefined;
    const x = JSON.parse(raw) as Partial<VisitorChoice>;
    if (typeof x.personalize !== 'boolean' || typeof x.share !== 'boolean' || !Number.isFinite(x.at)) return;
    return { personalize: x.personalize, share: x.share && x.personalize, at: x.at as number };
  } catch {
    return undefined;
  }
}

/** Remembers a decision the visitor just made in the widget (best effort: storage may be refused). */
export function rememberChoice(
  purposes: ConsentPurposes,
  at: number,
  storage: Pick<Storage, 'getItem' | 'setItem'> | null = localStore(),
): void {
  try {
    const choice = { personalize: purposes.personalize, share: purposes.share && purposes.personalize, at };
    const json = JSON.stringify(choice);
    // Called with every pushed status: write only when the remembered decision changes.
    if (storage?.getItem(CHOICE_KEY) !== json) storage?.setItem(CHOICE_KEY, json);
  } catch {
    // Storage refused: the refusal then holds for this page only, as the worker's record does.
  }
}

/** Forgets the remembered decision (best effort). */
export function forgetChoice(storage: Pick<Storage, 'removeItem'> | null = localStore()): void {
  try {
    storage?.removeItem(CHOICE_KEY);
  } catch {
    // Storage refused: there is nothing to forget.
  }
}

/**
 * Keeps the memory in step with the record in force: remembered while a visitor's decision that
 * refuses something caps a record that keeps nothing (`personalize` off); dropped when the database
 * holds the record, when the decision allowed everything (a cap that limits nothing), and when there
 * is no decision at all (after "delete everything").
 */
export function syncChoice(consent: ConsentRecord | null, storage: Storage | null = localStore()): void {
  const chosen = consent?.chosen;
  if (!consent || consent.personalize || (chosen?.personalize && chosen.share)) forgetChoice(storage);
  else if (chosen) rememberChoice(chosen, consent.at, storage);
}

function localStore(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
