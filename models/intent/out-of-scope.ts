/**
 * Out-of-scope data for an intent model whose own data has none (Bitext). Messages from another
 * domain's labelled set (BANKING77 by default) are sorted by topic into three kinds (see
 * banking77-scope.ts): topics in scope for the model (mapped to one of its intents), ambiguous topics
 * (left out) and out-of-scope topics. The out-of-scope topics are split by seed into two disjoint halves:
 * the "exposure" half trains the model towards a flat distribution (outlier exposure); the held-out half
 * chooses the threshold. So the threshold is set on kinds of off-topic messages the model never saw,
 * which is what a visitor's off-topic messages are too. The other file of the set (its test file) is
 * touched only for the final figures.
 */
import { csvName } from '../src/data-dir';
import { DataError } from '../src/errors';
import { type LabelledText, readLabelledTexts } from './read-texts';
import { mulberry32, shuffleInPlace } from './split';

/** Where the out-of-scope messages come from and how their topics are treated. */
export interface OutOfScopeSource {
  /** Labelled file whose messages train (exposure) and validate (threshold). */
  readonly train: string;
  /** Labelled file of the same topics, used only for the reported figures. */
  readonly test: string;
  readonly textCol: string;
  readonly labelCol: string;
  /** Topics in scope for the model, mapped to its intent names. */
  readonly inScope: Readonly<Record<string, string>>;
  /** Topics left out of every figure but their own accepted share. */
  readonly ambiguous: readonly string[];
  /** Share of the out-of-scope topics used for outlier exposure (the rest validate the threshold). */
  readonly exposureShare: number;
  /** Name, license and citation for the manifest's `data` paragraph. */
  readonly citation: string;
}

/** The messages, sorted by role. */
export interface OutOfScopeData {
  /** Train-file messages of the exposure topics: trained towards the uniform distribution. */
  readonly exposure: string[];
  /** Train-file messages of the held-out topics: the out-of-scope side of the threshold rule. */
  readonly validationOos: string[];
  /** Train-file messages of in-scope topics, labelled with the model's intent. */
  readonly validationInScope: LabelledText[];
  /** Test-file messages of every out-of-scope topic. */
  readonly testOos: string[];
  /** Test-file messages of the held-out topics only (kinds of message never trained on). */
  readonly testOosUnseen: string[];
  /** Test-file messages of in-scope topics, labelled with the model's intent. */
  readonly testInScope: LabelledText[];
  /** Test-file messages of ambiguous topics. */
  readonly testAmbiguous: string[];
  readonly exposureTopics: string[];
  readonly heldOutTopics: string[];
  /** One paragraph for the manifest's `data` field. */
  readonly description: string;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Reads both files and sorts their messages. In-scope topics whose intent the model does not have are
 * treated as ambiguous (they cannot be scored either way). Throws {@link DataError} when no
 * out-of-scope topic is left for either half.
 */
export async function loadOutOfScope(
  source: OutOfScopeSource,
  labels: readonly string[],
  seed: number,
): Promise<OutOfScopeData> {
  const columns = { text: source.textCol, label: source.labelCol };
  const train = (await readLabelledTexts(source.train, columns)).rows;
  const test = (await readLabelledTexts(source.test, columns)).rows;
  const known = new Set(labels);
  const inScope = new Map(Object.entries(source.inScope).filter(([, intent]) => known.has(intent)));
  const ambiguous = new Set([
    ...source.ambiguous,
    ...Object.keys(source.inScope).filter((t) => !inScope.has(t)),
  ]);
  const oosTopics = [...new Set(train.map((r) => r.label))]
    .filter((t) => !inScope.has(t) && !ambiguous.has(t))
    .sort();
  // Topics, not messages, are split: the held-out half must be kinds of message the model never saw.
  const shuffled = shuffleInPlace([...oosTopics], mulberry32(seed));
  const cut = Math.round(source.exposureShare * shuffled.length);
  const exposureTopics = shuffled.slice(0, cut).sort();
  const heldOutTopics = shuffled.slice(cut).sort();
  if (exposureTopics.length === 0 || heldOutTopics.length === 0) {
    throw new DataError(
      'no_rows',
      source.train,
      `need out-of-scope topics for both exposure and validation, found ${oosTopics.length}`,
    );
  }
  const exposureSet = new Set(exposureTopics);
  const heldOutSet = new Set(heldOutTopics);
  const mapped = (rows: readonly LabelledText[]): LabelledText[] =>
    rows.flatMap((r) => {
      const intent = inScope.get(r.label);
      return intent ? [{ ...r, label: intent }] : [];
    });
  const texts = (rows: readonly LabelledText[], keep: (topic: string) => boolean): string[] =>
    rows.filter((r) => keep(r.label)).map((r) => r.text);
  const isOos = (t: string): boolean => !inScope.has(t) && !ambiguous.has(t);
  const data = {
    exposure: texts(train, (t) => exposureSet.has(t)),
    validationOos: texts(train, (t) => heldOutSet.has(t)),
    validationInScope: mapped(train),
    // A test topic absent from the train file is still a bank's topic: out of scope, never seen.
    testOos: texts(test, isOos),
    testOosUnseen: texts(test, (t) => isOos(t) && !exposureSet.has(t)),
    testInScope: mapped(test),
    testAmbiguous: texts(test, (t) => ambiguous.has(t)),
    exposureTopics,
    heldOutTopics,
  };
  const counts = {
    oosTopics: oosTopics.length,
    exposureTopics: exposureTopics.length,
    heldOutTopics: heldOutTopics.length,
    inScopeTopics: inScope.size,
    ambiguousTopics: ambiguous.size,
    exposure: data.exposure.length,
    validationOos: data.validationOos.length,
    validationInScope: data.validationInScope.length,
    testOos: data.testOos.length,
    testOosUnseen: data.testOosUnseen.length,
    testInScope: data.testInScope.length,
    testAmbiguous: data.testAmbiguous.length,
  };
  return { ...data, description: describe(source, counts), counts };
}

function describe(source: OutOfScopeSource, c: Readonly<Record<string, number>>): string {
  return (
    `Out of scope: ${source.citation}, files ${csvName(source.train)} and ${csvName(source.test)}. ` +
    `Of its topics, ${c.inScopeTopics} are questions a shop answers (refunds, payment failures, account ` +
    `changes, passwords) and count as in scope under the matching intent, ${c.ambiguousTopics} ambiguous ones ` +
    `are left out, and the other ${c.oosTopics} are out of scope. Those are split by seed into ` +
    `${c.exposureTopics} topics whose ${c.exposure} training messages teach the model a flat distribution ` +
    `(outlier exposure) and ${c.heldOutTopics} held-out topics whose ${c.validationOos} training messages, ` +
    `with the ${c.validationInScope} in-scope ones, calibrate the temperature and choose the threshold. ` +
    `Out-of-scope recall is measured on the ${c.testOos} out-of-scope messages of the test file ` +
    `(${c.testOosUnseen} of them from held-out topics).`
  );
}
