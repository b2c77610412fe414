/**
 * The site's own questions, answered without retraining: a site passes its FAQ (question variants, an
 * answer, an optional link) and the worker indexes the questions on the device with the intent
 * model's tokenizer, the same hashed word and character n-grams the model reads, and, when the FAQ
 * comes as a bundle with word vectors (`npm run faq`), with a word alignment over them as well. A
 * message matches an entry when its score to one of the entry's questions reaches
 * {@link FAQ_THRESHOLD} and beats its n-gram cosine to every message of a background set of off-topic
 * chat (greetings, chit-chat, other services): without that comparison, "how do I open a bank
 * account" sits as close to "How do I book a service?" as many real paraphrases do to their question.
 */
import {
  type SparseFeatures,
  sparseIntentFeatures,
  type TokenizerSpec,
  vectorWords,
  type WordVectors,
} from '../../models/features';
import { type FaqEntry, type Handoff, safeHandoff, ValidationError } from '../protocol';
import { FAQ_BACKGROUND } from './faq-background';
import { type AlignedText, alignedText, alignment } from './faq-similarity';

/** The best entry for a message. */
export interface FaqMatch {
  readonly id: string;
  readonly answer: string;
  readonly link?: Handoff;
  /** Score of the message against the entry's closest question, 0..1. */
  readonly score: number;
  /** Every word of the entry's questions and answer, as `vectorWords` reads them. */
  readonly words: readonly string[];
  /** Whether it is an answer: at or above the threshold and above the background. */
  readonly matched: boolean;
}

/** Limits on a site's FAQ: enough for a real help page, small enough to index in milliseconds. */
export const FAQ_LIMITS = { entries: 200, questions: 20, question: 300, answer: 1000, id: 64 } as const;

/**
 * Lowest score that counts as a match, chosen on the demo shop's FAQ, its paraphrases and the
 * development set's off-topic messages (demo/faq.ts). N-grams alone, matched / off-topic rejected:
 * 0.80 / 0.92 at 0.2, 0.80 / 0.98 at 0.3 and at 0.35, 0.70 / 1.00 at 0.4. With vectors (score = ½
 * cosine + ½ alignment, inflections aligned): 1.00 / 0.96 at 0.3, 1.00 / 1.00 at 0.35, 0.95 / 1.00 at 0.4. Tested on a bike
 * shop's FAQ (faq.test.ts), which it was never tuned on.
 */
export const FAQ_THRESHOLD = 0.35;

/** Share of the n-gram cosine in the score when there are vectors; chosen with the threshold. */
const LEXICAL_SHARE = 0.5;

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Checks a site's FAQ and returns it typed, with every entry's id filled in. Throws one
 * `ValidationError('invalid_argument')` naming the first problems; nothing is dropped silently.
 * Relative link hrefs resolve against `base` (the URL an FAQ bundle was fetched from).
 */
export function validateFaq(value: unknown, base?: string): FaqEntry[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ValidationError('invalid_argument', 'faq must be an array of entries');
  if (value.length > FAQ_LIMITS.entries) {
    throw new ValidationError(
      'invalid_argument',
      `faq has ${value.length} entries, at most ${FAQ_LIMITS.entries}`,
    );
  }
  const problems: string[] = [];
  const ids = new Set<string>();
  const text = (x: unknown, max: number): x is string =>
    typeof x === 'string' && x.trim() !== '' && x.length <= max;
  const entries = value.map((e: unknown, i): FaqEntry => {
    const at = `faq[${i}]`;
    if (!isRecord(e)) {
      problems.push(`${at} must be an object`);
      return { questions: [], answer: '' };
    }
    const id = e.id === undefined ? `faq-${i}` : e.id;
    if (!text(id, FAQ_LIMITS.id)) problems.push(`${at}.id must be a string of 1-${FAQ_LIMITS.id} characters`);
    else if (ids.has(id)) problems.push(`${at}.id "${id}" is used twice`);
    else ids.add(id);
    const qs = e.questions;
    if (!Array.isArray(qs) || qs.length === 0 || qs.length > FAQ_LIMITS.questions) {
      problems.push(`${at}.questions must be an array of 1-${FAQ_LIMITS.questions} questions`);
    } else {
      qs.forEach((q, k) => {
        if (!text(q, FAQ_LIMITS.question)) {
          problems.push(`${at}.questions[${k}] must be a string of 1-${FAQ_LIMITS.question} characters`);
        }
      });
    }
    if (!text(e.answer, FAQ_LIMITS.answer)) {
      problems.push(`${at}.answer must be a string of 1-${FAQ_LIMITS.answer} characters`);
    }
    let link: Handoff | undefined;
    if (e.link !== undefined) {
      link = safeHandoff(e.link, base);
      if (!link) problems.push(`${at}.link must be {label, href} with an https: or mailto: URL`);
    }
    return {
      id: String(id),
      questions: Array.isArray(qs) ? qs.map(String) : [],
      answer: String(e.answer),
      ...(link ? { link } : {}),
    };
  });
  if (problems.length) {
    const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
    throw new ValidationError('invalid_argument', `invalid faq: ${problems.slice(0, 5).join('; ')}${more}`);
  }
  return entries;
}

/** Cosine of two L2-normalized sparse vectors (indices strictly increasing). */
export function sparseCosine(a: SparseFeatures, b: SparseFeatures): number {
  let s = 0;
  let i = 0;
  let j = 0;
  while (i < a.indices.length && j < b.indices.length) {
    const x = a.indices[i] as number;
    const y = b.indices[j] as number;
    if (x === y) s += (a.values[i++] as number) * (b.values[j++] as number);
    else if (x < y) i++;
    else j++;
  }
  return s;
}

/** An FAQ indexed for matching. */
export interface FaqMatcher {
  /** The best entry for a message, or null when the FAQ is empty or the message has no words. */
  best(text: string): FaqMatch | null;
  readonly size: number;
}

/**
 * How distinctive each word is within this FAQ (1 + ln((N + 1) / (df + 1)) over its N entries): in a
 * bike shop "bike" is in half the questions and says little about which one is meant.
 */
function faqIdf(entries: readonly FaqEntry[]): (word: string) => number {
  const df = new Map<string, number>();
  for (const e of entries)
    for (const w of new Set(e.questions.flatMap(vectorWords))) df.set(w, (df.get(w) ?? 0) + 1);
  const n = entries.length;
  return (w) => 1 + Math.log((n + 1) / ((df.get(w) ?? 0) + 1));
}

/** Indexes validated entries with the intent model's tokenizer, and the FAQ's vectors when given. */
export function createFaqMatcher(
  entries: readonly FaqEntry[],
  tokenizer: TokenizerSpec,
  vectors?: WordVectors,
  threshold = FAQ_THRESHOLD,
): FaqMatcher {
  const features = (t: string) => sparseIntentFeatures(t, tokenizer);
  const idf = faqIdf(entries);
  const aligned = (t: string): AlignedText | null => (vectors ? alignedText(t, vectors, idf) : null);
  const questions = entries.flatMap((e, i) =>
    e.questions.map((q) => ({ entry: i, x: features(q), a: aligned(q) })),
  );
  const background = FAQ_BACKGROUND.map(features);
  const entryWords = entries.map((e) => [...new Set([...e.questions, e.answer].flatMap(vectorWords))]);
  return {
    size: entries.length,
    best(text) {
      const x = features(text);
      if (x.indices.length === 0 || questions.length === 0) return null;
      const a = aligned(text);
      let top = { entry: -1, score: -1 };
      for (const q of questions) {
        const lexical = sparseCosine(x, q.x);
        const score =
          a && q.a && vectors
            ? LEXICAL_SHARE * lexical + (1 - LEXICAL_SHARE) * alignment(a, q.a, vectors)
            : lexical;
        if (score > top.score) top = { entry: q.entry, score };
      }
      // The background only matters for a message that reaches the threshold.
      let noise = 0;
      if (top.score >= threshold) for (const b of background) noise = Math.max(noise, sparseCosine(x, b));
      const e = entries[top.entry] as FaqEntry;
      return {
        id: e.id ?? `faq-${top.entry}`,
        answer: e.answer,
        ...(e.link ? { link: e.link } : {}),
        score: top.score,
        words: entryWords[top.entry] ?? [],
        matched: top.score >= threshold && top.score > noise,
      };
    },
  };
}
