/**
 * One turn read against the dialogue state: whether the message asks for products (and which, at
 * what price, like which item, cheaper than what was shown) or is a question for the intent model,
 * and, when it is an unclear follow-up or a reply to a clarifying question, which text to classify
 * with its context. Pure functions over the state; chat.ts runs the models and keeps the state.
 */
import { productWords } from '../../models/features';
import type { IntentResult } from '../protocol';
import type { CatalogSearch, SearchFilters, SearchPlan } from './catalog-search';
import { intentLabel } from './decisions';
import { alive, type DialogueState, LIFETIME } from './dialogue-state';
import type { TurnCues } from './turn-cues';

/** Cards an answer shows at most. */
export const SEARCH_CARDS = 6;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/** Above this confidence the intent model's answer wins over a product search the message hints at. */
const SURE_INTENT = 0.8;

/** What a turn has to go on. */
export interface TurnContext {
  readonly text: string;
  readonly cues: TurnCues;
  readonly state: DialogueState;
  readonly intent: IntentResult;
  /** Liked and avoided words from the visitor's stated preferences. */
  readonly preferences: { readonly like: readonly string[]; readonly avoid: readonly string[] };
}

/** The product answer for this turn, or null when the message is not about products. */
export function planSearch(search: CatalogSearch, c: TurnContext): SearchPlan | null {
  const { cues, state } = c;
  const shown = alive(state, state.shown, LIFETIME.shown);
  const focus = alive(state, state.focus, LIFETIME.focus);
  const base: SearchFilters = {
    ...(cues.maxPrice !== undefined ? { maxPrice: cues.maxPrice } : {}),
    ...(cues.minPrice !== undefined ? { minPrice: cues.minPrice } : {}),
    avoid: c.preferences.avoid,
    prefer: c.preferences.like,
  };
  const terms = search.terms(c.text);
  const sure = c.intent.intent !== null && c.intent.confidence >= SURE_INTENT;

  if (cues.like !== undefined) {
    const like = cues.like ? search.named(cues.like) : focus ? search.byId(focus.value.id) : undefined;
    const target = like ?? (shown?.ids[0] ? search.byId(shown.ids[0]) : undefined);
    if (target) {
      // The words the visitor named ("like the bunting") rank first among the similar items.
      // The last named word is usually what the thing is ("spaceboy apron": an apron), so it counts
      // twice: other aprons before other spaceboy items.
      const named = cues.like ? search.terms(cues.like) : [];
      const head = named.at(-1);
      const hits = search.similar(
        target.id,
        { ...base, prefer: [...c.preferences.like, ...named, ...(head ? [head] : [])] },
        SEARCH_CARDS,
      );
      // Its own words stand for the search, so "the blue one?" next narrows these.
      if (hits.length) return { mode: 'similar', terms: search.terms(target.title), hits, like: target };
    }
  }
  if (cues.cheaper && shown?.prices.length) {
    // Cheaper than the typical card shown (the median): "cheaper than the cheapest" is often empty.
    const below = median(shown.prices);
    const filters = { ...base, below, exclude: new Set(shown.ids) };
    const hits = shown.terms.length
      ? search.search(shown.terms, filters, SEARCH_CARDS)
      : search.popular(filters, SEARCH_CARDS);
    if (hits.length) return { mode: 'cheaper', terms: shown.terms, hits };
    return { mode: 'noneCheaper', terms: shown.terms, hits: search.popular(filters, SEARCH_CARDS) };
  }
  // "what about the blue one?", "under £10?": the last search, narrowed.
  const narrowing = cues.colour !== undefined || cues.maxPrice !== undefined || cues.minPrice !== undefined;
  if (shown && terms.every((t) => t === cues.colour) && narrowing && !sure) {
    const hits = search.search([...shown.terms, ...terms], base, SEARCH_CARDS);
    const narrowed = cues.colour ? hits.filter((h) => h.matched.includes(cues.colour as string)) : hits;
    if (narrowed.length) return { mode: 'found', terms: [...shown.terms, ...terms], hits: narrowed };
  }
  // Without an asking cue, an out-of-scope message is a product request only when it is mostly
  // product words ("christmas?", "lunch bags?"), not chit-chat that happens to hold one ("who won
  // the football last night").
  const asked = productWords(c.text);
  const mostlyProducts = terms.length * 2 >= asked.length;
  if (terms.length && (cues.searching || (c.intent.intent === null && mostlyProducts)) && !sure) {
    const hits = search.search(terms, base, SEARCH_CARDS);
    const missing = asked.filter((w) => !terms.includes(w) && !search.knows(w));
    if (hits.length)
      return missing.length ? { mode: 'partial', terms, hits, missing } : { mode: 'found', terms, hits };
  }
  if (cues.searching && !sure && (c.intent.intent === null || terms.length)) {
    // Asked for products we have no word for ("anything for a rainy day?"): say so, offer popular ones.
    const hits = search.popular(base, SEARCH_CARDS);
    if (asked.length || cues.maxPrice !== undefined) return { mode: 'none', terms: asked, hits };
  }
  return null;
}

/**
 * The text to classify instead of the message alone, when context helps: a reply to the clarifying
 * question is read with the question's message, and a follow-up ("and how long does that take?")
 * with the previous one. Null when the message stands on its own.
 */
export function contextualText(c: TurnContext): string | null {
  const { state, cues, intent } = c;
  const clarify = alive(state, state.clarify, LIFETIME.clarify);
  if (clarify && intent.intent === null) return `${clarify.value.text} ${c.text}`;
  // Only a follow-up that does not stand on its own: one that does keeps its own reading.
  const last = alive(state, state.lastText, LIFETIME.lastText);
  return last && cues.followUp && intent.intent === null ? `${last.value} ${c.text}` : null;
}

/** Verbs of intent names; what is left names the topic ("get_refund" → refund). */
const ACTIONS = new Set([
  'get',
  'check',
  'track',
  'change',
  'set',
  'edit',
  'delete',
  'create',
  'place',
  'cancel',
  'recover',
  'switch',
  'contact',
  'review',
]);
const topics = (intent: string) => intent.split(/[_-]/).filter((w) => w && !ACTIONS.has(w));

/** Below this probability an alternative is not taken up even when it continues the topic. */
const TOPIC_FLOOR = 0.04;
/** Without a follow-up cue: at least this share of the threshold (the clarifying band's floor). */
const NEAR_SHARE = 0.5;

/**
 * A follow-up keeps the topic: after a refund question, "and how long does that take?" is about the
 * refund even though "how long does it take" alone reads as delivery time. Returns the intent among
 * the message's alternatives that shares a topic word with the previous intent, when the top one
 * does not; null otherwise.
 */
export function topicIntent(c: TurnContext): string | null {
  const last = alive(c.state, c.state.lastIntent, LIFETIME.lastIntent);
  // Without a follow-up cue, only a message that is out of scope on its own, and only for a likely
  // alternative ("when will I get the money" after a returns question reads as the refund's status).
  const cueless = !c.cues.followUp;
  if (!last || (cueless && c.intent.intent !== null)) return null;
  const floor = cueless ? c.intent.threshold * NEAR_SHARE : TOPIC_FLOOR;
  const own = new Set(topics(last.value));
  const shares = (i: string) => topics(i).some((w) => own.has(w));
  if (shares(c.intent.top) && !cueless) return null;
  return c.intent.alternatives.find((a) => a.p >= floor && shares(a.intent))?.intent ?? null;
}

/**
 * The intent a reply to a clarifying question picks by naming one of the offered options ("the
 * tracking one", "second"), or null.
 */
export function pickedOption(text: string, state: DialogueState): string | null {
  const clarify = alive(state, state.clarify, LIFETIME.clarify);
  if (!clarify) return null;
  const options = clarify.value.options;
  const ordinal = /\b(first|1st|second|2nd|third|3rd)\b/i.exec(text)?.[1]?.toLowerCase();
  if (ordinal) {
    const at =
      ordinal.startsWith('f') || ordinal === '1st' ? 0 : ordinal.startsWith('s') || ordinal === '2nd' ? 1 : 2;
    return options[at] ?? null;
  }
  const said = productWords(text);
  // "tracking" names "Track order", "deleting" "Delete my account": words meet when they share all
  // but at most the last letter of the shorter one (and 4 letters at least).
  const meets = (a: string, b: string) => {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n >= 4 && n >= Math.min(a.length, b.length) - 1;
  };
  let best: { intent: string; n: number } | null = null;
  for (const o of options) {
    const n = productWords(intentLabel(o)).filter((w) => said.some((s) => s === w || meets(s, w))).length;
    if (n > 0 && (!best || n > best.n)) best = { intent: o, n };
  }
  return best?.intent ?? null;
}
