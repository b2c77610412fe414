/**
 * Typed errors of the segment trainer. The CLI prints `message`; `code` lets callers and tests tell a
 * data problem (too few customers) from a wrong option without parsing text.
 */

/** Stable codes for segment training failures. */
export type SegmentErrorCode = 'too_few_users' | 'bad_options';

/** Segment training cannot proceed with this input or these options. */
export class SegmentError extends Error {
  override readonly name = 'SegmentError';
  constructor(
    readonly code: SegmentErrorCode,
    message: string,
  ) {
    super(message);
  }
}
