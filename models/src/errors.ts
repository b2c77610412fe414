/**
 * Typed errors of the offline trainer. Every message names the file (and line, when one is to blame)
 * so a site owner retraining on their own export can fix the input without reading the code.
 */

/** Stable codes for problems with input data. */
export type DataErrorCode =
  | 'file_not_found'
  | 'empty_file'
  | 'unreadable'
  | 'missing_column'
  | 'no_rows'
  | 'too_many_bad_rows'
  | 'bad_catalog'
  | 'bad_faq'
  | 'bad_priors';

/** The input data cannot be used; `file`, and `line` when known, say where. */
export class DataError extends Error {
  override readonly name = 'DataError';
  constructor(
    readonly code: DataErrorCode,
    readonly file: string,
    message: string,
    readonly line?: number,
  ) {
    super(`${file}${line === undefined ? '' : `:${line}`}: ${message}`);
  }
}

/** A command-line flag is unknown, missing or malformed. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
