/**
 * The answers artifact: per intent, up to three short, representative reference answers from the
 * training file, to seed the demo's answer templates. Answers that speak about one customer's order
 * number, amount, city or name are left out, since they would be wrong for everyone else. The choice
 * is deterministic: among an intent's remaining distinct answers no longer than its 25th-percentile
 * length, rank by mean word-set Jaccard similarity to all of its answers (the most typical wording
 * first; ties by length, then text), skipping any answer with Jaccard > 0.6 to one already chosen so
 * the three are not near-copies.
 */
import { basename } from 'node:path';
import type { AnswersLicense, IntentAnswers } from '../features';
import type { LabelledText } from './read-texts';

/** The file name written next to the models. */
export const ANSWERS_FILE = 'intent-answers.json';

export type { AnswersLicense, IntentAnswers } from '../features';

const BITEXT_FILE = 'bitext_customer_support_4514.csv';
const BITEXT_LICENSE: AnswersLicense = {
  name: 'CDLA-Sharing-1.0',
  url: 'https://cdla.dev/sharing-1-0/',
  attribution: 'Bitext Innovations',
  source:
    'https://github.com/bitext/customer-support-llm-chatbot-training-dataset, ' +
    'data/train/Bitext_Sample_Customer_Support_Training_Dataset.csv at commit 337b968',
  notice:
    'These answers are reference responses selected, unmodified but for line endings, from the Bitext ' +
    'customer-support sample data set (c) Bitext Innovations, licensed under the Community Data License ' +
    'Agreement – Sharing, Version 1.0. Redistributions of this file, modified or not, must carry the same ' +
    'agreement.',
};

const MAX_ANSWERS = 3;
const MAX_OVERLAP = 0.6;
/** Candidates are the answers no longer than this quantile of the intent's answer lengths. */
const SHORT_QUANTILE = 0.25;
/** A word in fewer than this share of an intent's answers is "rare" (an entity, not wording). */
const RARE_SHARE = 0.25;

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}{}]+/gu) ?? []);
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const w of a) if (b.has(w)) inter++;
  const union = a.size + b.size - inter;
  return union ? inter / union : 0;
}

/** One reference answer and the message it answered (used to spot echoed entities). */
export interface AnswerSample {
  readonly text: string;
  readonly answer: string;
}

/**
 * A number in the answer other than a list item's ("1. Log in"): an order number, an amount, a date.
 * No other visitor has that number, so the answer is not a template.
 */
function hasNumber(answer: string): boolean {
  return /\d/.test(answer.replace(/^\d+\.\s/gm, ''));
}

/**
 * A word of the answer that echoes its own message and is uncommon among the intent's answers: the
 * name, city or account tier the customer gave. Bitext repeats each such entity over many rows, so
 * "uncommon" has to be generous (a quarter of the answers) to catch them.
 */
function echoes(sample: AnswerSample, df: Map<string, number>, n: number): boolean {
  const answer = wordSet(sample.answer);
  for (const w of wordSet(sample.text)) {
    if ((w.length >= 3 || /\d/.test(w)) && answer.has(w) && (df.get(w) ?? 0) < RARE_SHARE * n) return true;
  }
  return false;
}

/** Picks the answers of one intent by the rule in this module's comment. */
export function pickAnswers(samples: readonly AnswerSample[], max = MAX_ANSWERS): string[] {
  const withAnswer = samples.filter((s) => s.answer !== '');
  const df = new Map<string, number>();
  for (const s of withAnswer) for (const w of wordSet(s.answer)) df.set(w, (df.get(w) ?? 0) + 1);
  const numberFree = withAnswer.filter((s) => !hasNumber(s.answer));
  const clean = numberFree.filter((s) => !echoes(s, df, withAnswer.length));
  // Relax step by step rather than return nothing: echoes first, then numbers.
  const candidates = clean.length ? clean : numberFree.length ? numberFree : withAnswer;
  const pool = [...new Set(candidates.map((s) => s.answer))].sort();
  if (pool.length === 0) return [];
  const lengths = pool.map((a) => a.length).sort((p, q) => p - q);
  const cutoff = lengths[Math.floor((lengths.length - 1) * SHORT_QUANTILE)] ?? 0;
  const sets = pool.map(wordSet);
  const scored = pool
    .map((text, i) => {
      let sum = 0;
      for (let j = 0; j < sets.length; j++)
        if (j !== i) sum += jaccard(sets[i] as Set<string>, sets[j] as Set<string>);
      return { text, set: sets[i] as Set<string>, score: sets.length > 1 ? sum / (sets.length - 1) : 1 };
    })
    .filter((s) => s.text.length <= cutoff)
    .sort((p, q) => q.score - p.score || p.text.length - q.text.length || (p.text < q.text ? -1 : 1));
  const chosen: typeof scored = [];
  for (const s of scored) {
    if (chosen.length >= max) break;
    if (chosen.every((c) => jaccard(c.set, s.set) <= MAX_OVERLAP)) chosen.push(s);
  }
  return chosen.map((c) => c.text);
}

/** Builds the artifact from training rows (labels sorted; only rows with an answer count). */
export function buildAnswers(
  rows: readonly LabelledText[],
  trainFile: string,
  answerCol: string,
): IntentAnswers {
  const byLabel = new Map<string, AnswerSample[]>();
  for (const r of rows) {
    if (r.answer === '') continue;
    const list = byLabel.get(r.label);
    // Line endings normalized: the source mixes CRLF and LF inside quoted answers.
    const sample = { text: r.text, answer: r.answer.replace(/\r\n?/g, '\n') };
    if (list) list.push(sample);
    else byLabel.set(r.label, [sample]);
  }
  const intents: Record<string, { answers: string[]; slots: string[] }> = {};
  for (const label of [...byLabel.keys()].sort()) {
    const answers = pickAnswers(byLabel.get(label) ?? []);
    const slots = [...new Set(answers.flatMap((a) => a.match(/\{\{[^{}]+\}\}/g) ?? []))].sort();
    if (answers.length) intents[label] = { answers, slots };
  }
  const file = basename(trainFile);
  const license: AnswersLicense =
    file === BITEXT_FILE
      ? BITEXT_LICENSE
      : {
          name: 'as the source data',
          source: file,
          notice: `Answers copied from column "${answerCol}" of ${file}; they carry that file's license.`,
        };
  return {
    format: 'confide-intent-answers/2',
    license,
    selection:
      `Per intent, up to ${MAX_ANSWERS} distinct answers from column "${answerCol}" of the train file: ` +
      "answers with a number other than a list item's (an order number, an amount) are dropped, then those " +
      `echoing a word of their own message that is in under ${RARE_SHARE * 100}% of the intent's answers ` +
      '(a name, a city, an account tier), each step skipped if it would leave nothing; of the rest, ' +
      `those no longer than the intent's ${SHORT_QUANTILE * 100}th-percentile length are ranked by mean ` +
      "word-set Jaccard similarity to the intent's other answers (ties: shorter, then lexical), skipping " +
      `any with Jaccard > ${MAX_OVERLAP} to one already chosen. Slots in {{double braces}} are for ` +
      'the site to fill.',
    intents,
  };
}
