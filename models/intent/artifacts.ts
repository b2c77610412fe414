/**
 * Writes the intent artifacts (fp32 graph, optional int8 graph, optional answers JSON) and builds the
 * manifest entry that binds them by sha256. No clock time anywhere: the same data, seed and code give
 * byte-identical files. The manifest itself belongs to the CLI, which merges this entry into it.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IntentEntry } from '../features/manifest';
import type { TokenizerSpec } from '../features/tokenizer';
import { sha256Hex, stableJson } from '../src/artifacts';
import { OPSET } from '../src/onnx-export';
import { ANSWERS_FILE, type IntentAnswers } from './answers';
import { intentTensorSpecs } from './onnx-intent';

/** File names inside the output folder. */
export const INTENT_FILES = {
  model: 'intent.onnx',
  modelInt8: 'intent-int8.onnx',
  answers: ANSWERS_FILE,
} as const;

/** What {@link writeIntentArtifacts} needs. */
export interface IntentArtifactInputs {
  readonly outDir: string;
  readonly fp32: Uint8Array;
  readonly int8?: Uint8Array;
  readonly answers?: IntentAnswers;
  readonly labels: readonly string[];
  readonly tokenizer: TokenizerSpec;
  readonly threshold: number;
  readonly acceptance: number;
  readonly temperature: number;
  readonly data: string;
  readonly metrics: Readonly<Record<string, number>>;
  readonly int8Metrics?: Readonly<Record<string, number>>;
  readonly params: Readonly<Record<string, number | string>>;
}

/** Writes the files and returns the entry and what was written. */
export async function writeIntentArtifacts(
  a: IntentArtifactInputs,
): Promise<{ entry: IntentEntry; files: { name: string; bytes: number }[] }> {
  await mkdir(a.outDir, { recursive: true });
  const files: { name: string; bytes: number }[] = [];
  const put = async (name: string, bytes: Uint8Array | string): Promise<void> => {
    await writeFile(join(a.outDir, name), bytes);
    files.push({ name, bytes: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength });
  };
  await put(INTENT_FILES.model, a.fp32);
  // Stale optional files from an earlier run would no longer match this model's labels.
  if (a.int8) await put(INTENT_FILES.modelInt8, a.int8);
  else await rm(join(a.outDir, INTENT_FILES.modelInt8), { force: true });
  let answers: IntentEntry['answers'];
  if (a.answers) {
    const text = stableJson(a.answers);
    await put(INTENT_FILES.answers, text);
    answers = {
      file: INTENT_FILES.answers,
      sha256: sha256Hex(text),
      bytes: Buffer.byteLength(text),
      license: a.answers.license.name,
    };
  } else await rm(join(a.outDir, INTENT_FILES.answers), { force: true });

  const { inputs, outputs } = intentTensorSpecs(a.tokenizer.buckets, a.labels.length);
  const entry: IntentEntry = {
    kind: 'intent',
    file: INTENT_FILES.model,
    sha256: sha256Hex(a.fp32),
    bytes: a.fp32.byteLength,
    opset: OPSET,
    inputs,
    outputs,
    data: a.data,
    metrics: a.metrics,
    ...(a.int8
      ? {
          int8: {
            file: INTENT_FILES.modelInt8,
            sha256: sha256Hex(a.int8),
            bytes: a.int8.byteLength,
            metrics: a.int8Metrics ?? {},
          },
        }
      : {}),
    params: a.params,
    tokenizer: a.tokenizer,
    labels: a.labels,
    threshold: a.threshold,
    acceptance: a.acceptance,
    temperature: a.temperature,
    ...(answers ? { answers } : {}),
  };
  return { entry, files };
}
