/**
 * The intent classifier on the device: chat text becomes the model's input through the trainer's own
 * tokenizer (with the manifest's settings, so the features are exactly those the model was trained on),
 * the intent graph runs, and its calibrated probabilities are read against the manifest's out-of-scope
 * threshold. The text never leaves the worker; the caller redacts it first.
 */

import { type IntentEntry, intentFeatures } from '../../models/features';
import { float32Tensor, type LoadedModel, sessionFor } from '../models';
import type { IntentResult } from '../protocol';
import { MAX_CHAT_CHARS, ModelError, ValidationError } from '../protocol';

/** Longest message classified, in characters after trimming. */
export const MAX_MESSAGE_CHARS = MAX_CHAT_CHARS;
/** How many intents {@link IntentResult.alternatives} lists. */
const ALTERNATIVES = 3;

/** A ready classifier bound to one verified intent model. */
export interface IntentClassifier {
  /**
   * Reads one message. Throws `ValidationError('invalid_argument')` for a non-string or a message that
   * is empty or longer than {@link MAX_MESSAGE_CHARS} after trimming, `ModelError` if the graph fails.
   */
  classify(text: string): Promise<IntentResult>;
  /** Intent names in the model's output order. */
  readonly labels: readonly string[];
  /** The `version` given at creation (the manifest version, for reports), when there was one. */
  readonly version?: string;
}

/** Rejects a manifest entry the classifier cannot use, before any session is created. */
function checkEntry(entry: IntentEntry): void {
  const buckets = entry.tokenizer?.buckets;
  const d = entry.inputs?.[0]?.shape?.[1];
  const c = entry.outputs?.[0]?.shape?.[1];
  if (!Array.isArray(entry.labels) || entry.labels.length < 2) {
    throw new ModelError('model_unavailable', 'the intent model names fewer than two intents');
  }
  if (typeof buckets !== 'number' || (d !== undefined && d !== -1 && d !== buckets)) {
    throw new ModelError(
      'model_unavailable',
      `the intent model expects ${d} features, its tokenizer makes ${buckets}`,
    );
  }
  if (c !== undefined && c !== -1 && c !== entry.labels.length) {
    throw new ModelError(
      'model_unavailable',
      `the intent model has ${c} outputs for ${entry.labels.length} intents`,
    );
  }
  if (!(entry.threshold >= 0 && entry.threshold <= 1)) {
    throw new ModelError('model_unavailable', `the intent threshold ${entry.threshold} is not a probability`);
  }
}

/** The message, trimmed, or a ValidationError naming the rule it broke. */
function checkText(text: unknown): string {
  if (typeof text !== 'string') {
    throw new ValidationError(
      'invalid_argument',
      `text must be a string, got ${text === null ? 'null' : typeof text}`,
    );
  }
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new ValidationError('invalid_argument', 'text must not be empty');
  if (trimmed.length > MAX_MESSAGE_CHARS) {
    throw new ValidationError(
      'invalid_argument',
      `text must be at most ${MAX_MESSAGE_CHARS} characters, got ${trimmed.length}`,
    );
  }
  return trimmed;
}

/** Creates the session for a loaded intent model (once per hash) and returns the classifier. */
export async function createIntentClassifier(
  loaded: LoadedModel<IntentEntry>,
  version?: string,
): Promise<IntentClassifier> {
  const entry = loaded.entry;
  checkEntry(entry);
  const session = await sessionFor(loaded.sha256, loaded.bytes);
  const input = entry.inputs[0]?.name ?? 'features';
  const output = entry.outputs[0]?.name ?? 'probabilities';
  const labels = [...entry.labels];
  const { threshold, tokenizer } = entry;

  return {
    labels,
    ...(version === undefined ? {} : { version }),
    async classify(text) {
      const message = checkText(text);
      const started = performance.now();
      const features = intentFeatures(message, tokenizer);
      let probabilities: ArrayLike<number>;
      try {
        const out = await session.run({ [input]: await float32Tensor(features, [1, features.length]) });
        probabilities = out[output]?.data as ArrayLike<number>;
      } catch (e) {
        throw new ModelError('model_unavailable', `the intent model failed: ${(e as Error).message}`);
      }
      if (!probabilities || probabilities.length !== labels.length) {
        throw new ModelError(
          'model_unavailable',
          `the intent model returned no ${output} for ${labels.length} intents`,
        );
      }
      const inferenceMs = performance.now() - started;
      // Highest first; ties keep the model's label order, as ONNX ArgMax does.
      const ranked = labels
        .map((intent, i) => ({ intent, p: Number(probabilities[i]) }))
        .sort((a, b) => b.p - a.p);
      const best = ranked[0] as { intent: string; p: number };
      return {
        intent: best.p >= threshold ? best.intent : null,
        top: best.intent,
        confidence: best.p,
        threshold,
        alternatives: ranked.slice(0, ALTERNATIVES),
        inferenceMs,
      };
    },
  };
}
