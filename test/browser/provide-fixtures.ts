/**
 * Global setup of the browser test projects (runs in Node): reads labelled chat messages from the
 * shipped intent model's own training file with the trainer's CSV reader and hands a few per intent to
 * the tests in Chromium through `inject('intentSamples')`. Chromium has no file system to read them from.
 */
import type { TestProject } from 'vitest/node';
import { BITEXT_DEFAULTS } from '../../models/intent/defaults';
import { readLabelledTexts } from '../../models/intent/read-texts';

/** One labelled message from the training file. */
export interface IntentSample {
  readonly text: string;
  readonly label: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The first {@link PER_LABEL} messages of every intent in the Bitext training file, file order. */
    intentSamples: IntentSample[];
  }
}

/** Enough to touch every intent without making the browser run long. */
const PER_LABEL = 2;

/** Provides the fixtures; nothing to tear down. */
export default async function setup(project: TestProject): Promise<void> {
  const { rows } = await readLabelledTexts(BITEXT_DEFAULTS.train, {
    text: BITEXT_DEFAULTS.textCol,
    label: BITEXT_DEFAULTS.labelCol,
  });
  const taken = new Map<string, number>();
  const samples: IntentSample[] = [];
  for (const { text, label } of rows) {
    const n = taken.get(label) ?? 0;
    if (n >= PER_LABEL) continue;
    taken.set(label, n + 1);
    samples.push({ text, label });
  }
  project.provide('intentSamples', samples);
}
