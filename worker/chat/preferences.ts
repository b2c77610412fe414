/**
 * Preferences the visitor states in the chat: "I prefer wooden toys", "I don't like candles", "it's
 * for my mum". Each becomes a record the profile keeps (with `personalize`), matched against the
 * catalog's words to re-rank what is shown, listed in the privacy center with a delete control and in
 * the export, and never part of any report.
 */
import { normalizeText, productWords } from '../../models/features';
import type { Preference, PreferenceKind } from '../protocol';
import type { Store } from '../storage';
import type { PreferenceState } from './preference-state';

export type { PreferenceState } from './preference-state';

/** At most this many preferences are kept; the oldest goes first. */
export const MAX_PREFERENCES = 20;

const LIKE =
  /\b(?:i (?:really )?(?:prefer|like|love|adore|am into|'m into|enjoy)|i'd prefer|we (?:prefer|like|love)|preferably|i'm a fan of|i am a fan of|my favou?rite (?:is|are))\s+(.{2,60})/;
const AVOID =
  /\b(?:i (?:don't|do not|dont|really don't) (?:like|want|need|care for|love)|i (?:hate|dislike|can't stand|cannot stand)|not a fan of|nothing with|no more|please no|allergic to|avoid)\s+(.{2,60})/;
// The whole message is about who it is for ("it's for my mum", "a present for my dad"): a question
// that mentions someone ("can I add a note for my friend?") is not a preference.
const RECIPIENT =
  /^(?:(?:it's|it is|its|this is|they're|i'm|im|i am)\s+)?(?:(?:buying|shopping|looking)\s+)?(?:(?:something|a gift|a present|gifts|presents)\s+)?for\s+(?:my\s+|our\s+|a\s+)?(mum|mom|mother|dad|father|wife|husband|partner|girlfriend|boyfriend|son|daughter|kids?|children|child|friend|sister|brother|grandma|granny|grandad|grandpa|nan|baby|teacher|colleague|boss|niece|nephew|aunt|uncle|neighbou?r)(?:\s+please)?$/;

/** Words that say nothing about which products: "products", "things", "stuff". */
const GENERIC = new Set(['product', 'item', 'thing', 'stuff', 'one', 'kind', 'sort', 'style', 'option']);

/** The preference `text` states, if it states one; `words` are what it is matched on. */
export function readPreference(text: string): Omit<Preference, 'id' | 'at'> | null {
  const folded = normalizeText(text)
    .trim()
    .replace(/[.!?]+$/, '');
  const recipient = RECIPIENT.exec(folded);
  if (recipient && !LIKE.test(folded) && !AVOID.test(folded)) {
    const who = recipient[1] as string;
    return { kind: 'recipient', label: who, words: [who] };
  }
  const avoid = AVOID.exec(folded);
  const like = avoid ? null : LIKE.exec(folded);
  const m = avoid ?? like;
  if (!m) return null;
  const phrase = (m[1] as string).replace(/\b(please|thanks|thank you|very much|a lot)\b.*$/, '').trim();
  const words = productWords(phrase).filter((w) => !GENERIC.has(w));
  if (words.length === 0) return null;
  const kind: PreferenceKind = avoid ? 'avoid' : 'like';
  return { kind, label: phrase, words };
}

/** The state with `p` added, replacing an earlier preference about the same words. */
export function addPreference(state: PreferenceState, p: Preference): PreferenceState {
  const same = (q: Preference) => q.words.join(' ') === p.words.join(' ');
  const items = [...state.items.filter((q) => !same(q)), p];
  return { items: items.slice(-MAX_PREFERENCES) };
}

/** The state without the preference `id`. */
export function removePreference(state: PreferenceState, id: string): PreferenceState {
  return { items: state.items.filter((p) => p.id !== id) };
}

/** Words of liked items (ranked up) and of avoided ones (left out). */
export function preferenceWords(state: PreferenceState): { like: string[]; avoid: string[] } {
  const of = (k: PreferenceKind) => state.items.filter((p) => p.kind === k).flatMap((p) => p.words);
  return { like: of('like'), avoid: of('avoid') };
}

/**
 * Where preferences live: the store's `preferences` state with `personalize`, else this session's
 * memory (`store()` is asked each time, so granting or revoking consent moves between the two).
 */
export function createPreferenceStore(store: () => Store | null): {
  load(): Promise<PreferenceState>;
  save(next: PreferenceState): Promise<void>;
} {
  let session: PreferenceState = { items: [] };
  return {
    async load() {
      const s = store();
      return s ? ((await s.getState('preferences')) ?? { items: [] }) : session;
    },
    async save(next) {
      const s = store();
      if (s) await s.putState('preferences', next);
      else session = next;
    },
  };
}
