/**
 * The answers artifact: per intent, up to three short, representative reference answers from the
 * training file, to seed the demo's answer templates. The choice is deterministic: among an intent's
 * distinct answers no longer than its median length, rank by mean word-set Jaccard similarity to all
 * of its answers (the most typical wording first; ties by length, then text), skipping any answer
 * with Jaccard > 0.6 to one already chosen so the three are not near-copies.
 */
import { basename } from 'node:path';
import type { LabelledText } from './read-texts';

/** The file name written next to the models. */
export const ANSWERS_FILE = 'intent-answers.json';

/** The license block carried by the answers file. */
export interface AnswersLicense {
  readonly name: string;
  readonly url?: string;
  readonly attribution?: string;
  readonly source?: string;
  readonly notice: string;
}

/** Contents of `intent-answers.json`. */
export interface IntentAnswers {
  readonly format: 'confide-intent-answers/1';
  readonly license: AnswersLicense;
  /** How the answers were chosen. */
  readonly selection: string;
  /** Per intent: the answers and the `{{placeholders}}` they use, which the site fills in. */
  readonly intents: Readonly<
    Record<string, { readonly answers: readonly string[]; readonly placeholders: readonly string[] }>
  >;
}

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
const RARE_SHARE = 0.05;

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
 * Words of the answer that echo its own message and are rare among the intent's answers: the order
 * number, name or city the customer gave. Such an answer is not a template for someone else.
 */
function echoes(sample: AnswerSample, df: Map<string, number>, n: number): boolean {
  // Order and invoice numbers recur across the data set, so they are not rare; any long number is specific.
  if (/\d{4,}/.test(sample.answer)) return true;
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
  const clean = withAnswer.filter((s) => !echoes(s, df, withAnswer.length));
  // If every answer echoes its message, fall back to all of them rather than to none.
  const pool = [...new Set((clean.length ? clean : withAnswer).map((s) => s.answer))].sort();
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
  const intents: Record<string, { answers: string[]; placeholders: string[] }> = {};
  for (const label of [...byLabel.keys()].sort()) {
    const answers = pickAnswers(byLabel.get(label) ?? []);
    const placeholders = [...new Set(answers.flatMap((a) => a.match(/\{\{[^{}]+\}\}/g) ?? []))].sort();
    if (answers.length) intents[label] = { answers, placeholders };
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
    format: 'confide-intent-answers/1',
    license,
    selection:
      `Per intent, up to ${MAX_ANSWERS} distinct answers from column "${answerCol}" of the train file: ` +
      'answers with a 4+ digit number or echoing a rare word of their own message (a name, a city) are ' +
      'dropped; of the rest, ' +
      `those no longer than the intent's ${SHORT_QUANTILE * 100}th-percentile length are ranked by mean ` +
      "word-set Jaccard similarity to the intent's other answers (ties: shorter, then lexical), skipping " +
      `any with Jaccard > ${MAX_OVERLAP} to one already chosen. Placeholders in {{double braces}} are for ` +
      'the site to fill.',
    intents,
  };
}
