/**
 * Error answers. Every 4xx/5xx the server sends has the protocol's `ServerError` shape, so clients
 * branch on `error.code` and never parse prose.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ServerError, ServerErrorCode } from '../../protocol/index';
import { noteAnswer } from './answer-notes';

/** Builds a `ServerError` body. */
export function errorBody(
  code: ServerErrorCode,
  message: string,
  issues?: ServerError['error']['issues'],
): ServerError {
  return { error: issues ? { code, message, issues } : { code, message } };
}

/** Answers with a JSON `ServerError`; errors are never cached, so a fixed server is seen at once. */
export function jsonError(
  c: Context,
  status: ContentfulStatusCode,
  code: ServerErrorCode,
  message: string,
  issues?: ServerError['error']['issues'],
): Response {
  c.header('Cache-Control', 'no-store');
  noteAnswer(c, { error: code });
  return c.json(errorBody(code, message, issues), status);
}

/**
 * Answers 503 with Retry-After: the request was fine and may be sent again unchanged once the
 * database is back, so clients keep what they were sending.
 */
export function serviceUnavailable(c: Context, retryAfterSeconds: number, message: string): Response {
  c.header('Retry-After', String(retryAfterSeconds));
  return jsonError(c, 503, 'unavailable', message);
}
