/**
 * Where the FAQ comes from: the entries the site passed to `confide('init', {faq})`, or the bundle at
 * the URL it passed instead (`npm run faq`), which the frame fetched from the site's origin. Either
 * is checked strictly; a bundle's relative links resolve against its URL.
 */
import { decodeWordVectors, FAQ_BUNDLE_FORMAT, type WordVectors } from '../../models/features';
import { type FaqBundleRef, type FaqEntry, safeFaqUrl, ValidationError } from '../protocol';
import { validateFaq } from './faq';

/** The entries and, from a bundle, their vectors. */
export interface FaqSource {
  readonly entries: readonly FaqEntry[];
  readonly vectors?: WordVectors;
}

/** A bundle (or a plain array of entries) as fetched from `url`. */
export function parseFaqBundle(json: unknown, url: string): FaqSource {
  if (Array.isArray(json)) return { entries: validateFaq(json, url) };
  const b = json as { format?: unknown; entries?: unknown; vectors?: unknown } | null;
  if (typeof b !== 'object' || b === null || b.format !== FAQ_BUNDLE_FORMAT) {
    throw new ValidationError(
      'invalid_argument',
      `${url}: not an FAQ bundle (format "${FAQ_BUNDLE_FORMAT}")`,
    );
  }
  const entries = validateFaq(b.entries, url);
  if (b.vectors === undefined) return { entries };
  try {
    return { entries, vectors: decodeWordVectors(b.vectors) };
  } catch (e) {
    throw new ValidationError('invalid_argument', `${url}: ${(e as Error).message}`);
  }
}

const isRef = (x: unknown): x is FaqBundleRef =>
  typeof x === 'object' && x !== null && !Array.isArray(x) && 'url' in x && 'bundle' in x;

/** The FAQ to index, or a `ValidationError` naming what is wrong with it. */
export function faqSource(faq: readonly FaqEntry[] | FaqBundleRef | undefined): FaqSource {
  if (!isRef(faq)) return { entries: validateFaq(faq) };
  const url = safeFaqUrl(faq.url);
  if (!url)
    throw new ValidationError('invalid_argument', 'faq bundle URL must be https: (or loopback http:)');
  return parseFaqBundle(faq.bundle, url);
}
