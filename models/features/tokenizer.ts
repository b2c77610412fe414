/**
 * The intent tokenizer: chat text → a hashed, sublinear-tf, L2-normalized n-gram vector. The trainer
 * and the worker both call {@link intentFeatures}, so the model sees on the device exactly what it saw
 * in training. Browser-safe by design (no Node imports, no TextEncoder dependency in the hot path),
 * and platform-independent: the hash is FNV-1a 32-bit over the UTF-8 bytes, computed here in integer
 * arithmetic, so a feature index is the same in Node, Chromium, Safari and a webview.
 */

/** Settings that define the feature vector; written into the manifest, so they must be JSON. */
export interface TokenizerSpec {
  readonly kind: 'hashed-ngrams';
  /** Bumped whenever the algorithm below changes in a way that moves features. */
  readonly version: 1;
  /** Feature index = FNV-1a-32(UTF-8(`${kind}:${gram}`)) mod `buckets`, kind `w` (word) or `c` (char). */
  readonly hash: 'fnv1a32-utf8';
  /** Length D of the vector. */
  readonly buckets: number;
  /** Inclusive range of word n-gram lengths; `[1, 2]` = unigrams and bigrams. `[0, 0]` = none. */
  readonly wordNgrams: readonly [number, number];
  /** Inclusive range of character n-gram lengths within each `<word>` (with boundary markers). */
  readonly charNgrams: readonly [number, number];
  /** Each bucket holds 1 + ln(count), then the whole vector is scaled to unit L2 norm. */
  readonly weighting: 'sublinear-tf-l2';
}

/** The default settings (2^14 buckets, word 1–2-grams, char 2–5-grams). */
export const DEFAULT_TOKENIZER: TokenizerSpec = {
  kind: 'hashed-ngrams',
  version: 1,
  hash: 'fnv1a32-utf8',
  buckets: 16384,
  wordNgrams: [1, 2],
  charNgrams: [2, 5],
  weighting: 'sublinear-tf-l2',
};

/** A sparse feature vector: strictly increasing indices and their values. */
export interface SparseFeatures {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

/**
 * FNV-1a 32-bit over the UTF-8 encoding of `text` (unsigned result). Lone surrogates are encoded as
 * U+FFFD, as TextEncoder does, so the hash equals FNV-1a of `new TextEncoder().encode(text)`.
 */
export function fnv1a32(text: string): number {
  let h = FNV_OFFSET;
  const byte = (b: number): void => {
    h = Math.imul(h ^ b, FNV_PRIME);
  };
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
        i++;
      } else cp = 0xfffd;
    } else if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) byte(cp);
    else if (cp < 0x800) {
      byte(0xc0 | (cp >> 6));
      byte(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      byte(0xe0 | (cp >> 12));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    } else {
      byte(0xf0 | (cp >> 18));
      byte(0x80 | ((cp >> 12) & 0x3f));
      byte(0x80 | ((cp >> 6) & 0x3f));
      byte(0x80 | (cp & 0x3f));
    }
  }
  return h >>> 0;
}

/**
 * Unicode NFKC, lower case, accents removed (é → e, ﬁ → fi, ｆｕｌｌ → full), typographic apostrophes
 * folded to `'` and every decimal digit mapped to `0`: order numbers and amounts say little about intent
 * by their value, but their shape (how many digits) still reaches the character n-grams.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .normalize('NFC')
    .replace(/[\u2018\u2019\u02bc\u0060\u00b4]/g, "'")
    .replace(/\p{Nd}/gu, '0');
}

/** Word tokens of already-normalized text: runs of letters and digits, inner apostrophes kept. */
export function words(normalized: string): string[] {
  return normalized.match(WORD) ?? [];
}

/**
 * Every n-gram the spec asks for, prefixed with its kind (`w:` word, `c:` char), in a fixed order.
 * Exposed for tests and debugging; {@link intentFeatures} hashes exactly these strings.
 */
export function ngrams(text: string, spec: TokenizerSpec = DEFAULT_TOKENIZER): string[] {
  const out: string[] = [];
  const toks = words(normalizeText(text));
  const [wMin, wMax] = spec.wordNgrams;
  for (let n = Math.max(1, wMin); n <= wMax; n++) {
    for (let i = 0; i + n <= toks.length; i++) out.push(`w:${toks.slice(i, i + n).join(' ')}`);
  }
  const [cMin, cMax] = spec.charNgrams;
  if (cMax >= 1) {
    for (const tok of toks) {
      // Code points, not UTF-16 units, so an astral character is never split into halves.
      const chars = Array.from(`<${tok}>`);
      for (let n = Math.max(1, cMin); n <= cMax; n++) {
        for (let i = 0; i + n <= chars.length; i++) out.push(`c:${chars.slice(i, i + n).join('')}`);
      }
    }
  }
  return out;
}

/** The feature vector in sparse form (what training uses; same values as {@link intentFeatures}). */
export function sparseIntentFeatures(text: string, spec: TokenizerSpec = DEFAULT_TOKENIZER): SparseFeatures {
  const counts = new Map<number, number>();
  for (const g of ngrams(text, spec)) {
    const k = fnv1a32(g) % spec.buckets;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const indices = Int32Array.from(counts.keys()).sort();
  const raw = Array.from(indices, (k) => 1 + Math.log(counts.get(k) ?? 1));
  let norm = 0;
  for (const v of raw) norm += v * v;
  norm = Math.sqrt(norm);
  const values = Float32Array.from(raw, (v) => v / norm);
  return { indices, values };
}

/**
 * The dense input of the intent ONNX graph (`features`, float32 [1, D]) for one message. A message
 * with no letters or digits gives the zero vector, which the model answers with its bias alone.
 */
export function intentFeatures(text: string, spec: TokenizerSpec = DEFAULT_TOKENIZER): Float32Array {
  const out = new Float32Array(spec.buckets);
  const { indices, values } = sparseIntentFeatures(text, spec);
  indices.forEach((k, i) => {
    out[k] = values[i] ?? 0;
  });
  return out;
}
