/**
 * The file a site serves its FAQ in (`confide('init', {faq: 'https://…/faq.confide.json'})`): the
 * entries as the site wrote them and the word vectors pruned for their questions. `npm run faq`
 * writes it; the worker reads it. Links may be paths: they resolve against the file's own URL.
 */
import type { WordVectorsFile } from './word-vectors';

/** The bundle's `format` value. */
export const FAQ_BUNDLE_FORMAT = 'confide-faq/1';

/** One entry as written in the file; the worker checks it (worker/chat/faq.ts). */
export interface FaqBundleEntry {
  readonly id?: string;
  readonly questions: readonly string[];
  readonly answer: string;
  readonly link?: { readonly label: string; readonly href: string };
}

/** A site's FAQ with its vectors. */
export interface FaqBundleFile {
  readonly format: typeof FAQ_BUNDLE_FORMAT;
  readonly entries: readonly FaqBundleEntry[];
  /** Absent: the FAQ is matched on its words alone. */
  readonly vectors?: WordVectorsFile;
}
