/**
 * Reading one visitor message in its conversation: the intent (or, for a reply to a clarifying
 * question or a follow-up, the intent in context), a preference it states, the site's FAQ entry it
 * matches, and the product answer it asks for. The models and stores come in through `io`, so the
 * reading itself is the same in the worker and in the scripted dialogue evaluation.
 */
import { singular } from '../../models/features';
import type { IntentResult } from '../protocol';
import type { CatalogSearch, SearchPlan } from './catalog-search';
import { contextualText, pickedOption, planSearch, SEARCH_CARDS, topicIntent } from './conversation';
import type { DialogueState } from './dialogue-state';
import type { FaqMatch, FaqMatcher } from './faq';
import { addPreference, type PreferenceState, preferenceWords, readPreference } from './preferences';
import { readCues, type TurnCues } from './turn-cues';

/** An FAQ match this close wins over a product search (the demo's paraphrases score 0.4-0.9). */
const STRONG_FAQ = 0.6;

/** Whether the FAQ entry is about a word the catalog does not have ("discount", "note"). */
function explains(faq: FaqMatch | null, missing: readonly string[]): boolean {
  if (!faq) return false;
  const own = new Set(faq.words.map(singular));
  return missing.some((w) => own.has(w));
}

/** What reading a message needs. */
export interface TurnIo {
  classify(text: string): Promise<IntentResult>;
  catalog(): Promise<CatalogSearch | null>;
  faq(): Promise<FaqMatcher | null>;
  loadPreferences(): Promise<PreferenceState>;
  savePreferences(next: PreferenceState): Promise<void>;
}

/** What a message turned out to say. */
export interface TurnReading {
  readonly intent: IntentResult;
  readonly cues: TurnCues;
  readonly faq: FaqMatch | null;
  /** The product answer, or null for an answer from the intent, the FAQ or the rules. */
  readonly plan: SearchPlan | null;
  /** The preference the message stated (already saved). */
  readonly stated: ReturnType<typeof readPreference>;
  /** The visitor's liked words, for the cards' reasons. */
  readonly liked: readonly string[];
  readonly search: CatalogSearch | null;
}

/** Reads `text` (redacted, in a language the model reads when `readable`) at turn `state`. */
export async function readTurn(
  io: TurnIo,
  m: {
    readonly text: string;
    readonly at: number;
    readonly state: DialogueState;
    readonly readable: boolean;
  },
  fallback: () => IntentResult,
): Promise<TurnReading> {
  const { text, state, readable } = m;
  // The catalog and the FAQ index load while the intent model runs (on a first message, while the
  // runtime compiles its wasm off the thread); each is awaited where it was needed before.
  const searchP = readable ? io.catalog() : Promise.resolve(null);
  const faqP = readable ? io.faq() : Promise.resolve(null);
  for (const p of [searchP, faqP]) p.catch(() => undefined);
  let intent = readable ? await io.classify(text).catch(fallback) : fallback();
  const search = await searchP;
  const cues = readCues(text, search?.colours ?? new Set());
  const prefs = await io.loadPreferences();
  const stated = readable ? readPreference(text) : null;
  const context = { text, cues, state, intent, preferences: preferenceWords(prefs) };
  if (readable) {
    // A reply to a clarifying question, or a follow-up, is read with what came before.
    const chosen = pickedOption(text, state) ?? topicIntent(context);
    const again = chosen ? null : contextualText(context);
    if (chosen)
      intent = { ...intent, intent: chosen, confidence: Math.max(intent.confidence, intent.threshold) };
    else if (again) {
      const r = await io.classify(again).catch(fallback);
      if (r.intent !== null) intent = r;
    }
  }
  const faq = readable && !stated ? ((await faqP)?.best(text) ?? null) : null;
  let plan: SearchPlan | null = null;
  let liked = context.preferences.like;
  if (stated) {
    const next = addPreference(prefs, { ...stated, id: crypto.randomUUID(), at: m.at });
    await io.savePreferences(next);
    const words = preferenceWords(next);
    liked = words.like;
    // Re-ranked at once: the liked items themselves, else the popular ones without the avoided.
    const filters = { prefer: words.like, avoid: words.avoid };
    const own = stated.kind === 'like' && search ? search.search(stated.words, filters, SEARCH_CARDS) : [];
    plan = {
      mode: 'found',
      terms: [],
      hits: own.length ? own : (search?.popular(filters, SEARCH_CARDS) ?? []),
    };
  } else if (search) {
    plan = planSearch(search, { ...context, intent });
    // A product request the catalog answers beats an FAQ entry matched on its asking words ("do
    // you have…"). The FAQ wins when the entry matches strongly, when the message does not ask for
    // products, when nothing was found, or when the entry is about a word no product has ("50 mugs,
    // any discount?": the discount is what the FAQ answers; "garden gnomes" is not about the shop).
    const faqFirst =
      plan !== null &&
      (plan.mode === 'none' ||
        (plan.mode === 'partial' && explains(faq, plan.missing ?? [])) ||
        !cues.searching ||
        (faq?.score ?? 0) >= STRONG_FAQ);

    if (faq?.matched && faqFirst) plan = null;
  }
  return { intent, cues, faq: plan ? null : faq, plan, stated, liked, search };
}
