/**
 * What a `POST /v1/reports` answer said, noted by the code that answered, for the metrics middleware.
 * Reading the answer back (cloning and parsing its JSON body) cost more than a third of ingestion
 * throughput; a note keyed on the request object costs a WeakMap write.
 */
import type { Context } from 'hono';
import type { ServerErrorCode } from '../../protocol/index';

/** An error answer's code, or how many reports an accepted batch stored. */
export type AnswerNote =
  | { readonly error: ServerErrorCode }
  | { readonly stored: number; readonly duplicate: boolean };

const notes = new WeakMap<Request, AnswerNote>();

/** Notes what the answer to this request says. */
export function noteAnswer(c: Context, note: AnswerNote): void {
  notes.set(c.req.raw, note);
}

/** The note for this request, if the answering code left one. */
export function answerNote(c: Context): AnswerNote | undefined {
  return notes.get(c.req.raw);
}
