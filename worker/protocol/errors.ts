/**
 * Typed errors. They cross the worker boundary as plain `{name, code, message}` records and are
 * rebuilt as the same class on the other side (see `worker/protocol/boundary.ts`).
 */
/** Every error code Confide raises. */
export type ErrorCode =
  | 'consent_required'
  | 'invalid_event'
  | 'invalid_argument'
  | 'storage_unavailable'
  | 'storage_full'
  | 'model_unavailable'
  | 'model_integrity'
  | 'network'
  | 'server_rejected'
  | 'internal';

/** Base class of Confide's errors: a stable `code` for programs and a message for people. */
export class ConfideError extends Error {
  override readonly name: string = 'ConfideError';
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An operation needed a consent purpose the visitor has not granted. */
export class ConsentError extends ConfideError {
  override readonly name = 'ConsentError';
}

/** Input failed validation; the message names the field and the rule. */
export class ValidationError extends ConfideError {
  override readonly name = 'ValidationError';
}

/** The device refused to store more, even after old events were evicted. */
export class StorageError extends ConfideError {
  override readonly name = 'StorageError';
}

/** A model could not be fetched, verified or run. */
export class ModelError extends ConfideError {
  override readonly name = 'ModelError';
}

/** Talking to the sync server failed or was refused. */
export class SyncError extends ConfideError {
  override readonly name = 'SyncError';
}

/** The wire form of an error. */
export interface SerializedError {
  readonly name: string;
  readonly code: ErrorCode;
  readonly message: string;
}

const classes: Record<string, new (code: ErrorCode, message: string) => ConfideError> = {
  ConfideError,
  ConsentError,
  ValidationError,
  ModelError,
  StorageError,
  SyncError,
};

/** Flattens any thrown value to the wire form; unknown errors become `internal`. */
export function serializeError(e: unknown): SerializedError {
  if (e instanceof ConfideError) return { name: e.name, code: e.code, message: e.message };
  const message = e instanceof Error ? e.message : String(e);
  return { name: 'ConfideError', code: 'internal', message };
}

/** Rebuilds the typed error class from its wire form. */
export function deserializeError(s: SerializedError): ConfideError {
  const Cls = classes[s.name] ?? ConfideError;
  return new Cls(s.code, s.message);
}

/** True for a value shaped like {@link SerializedError}. */
export function isSerializedError(x: unknown): x is SerializedError {
  return (
    typeof x === 'object' &&
    x !== null &&
    typeof (x as SerializedError).code === 'string' &&
    typeof (x as SerializedError).name === 'string' &&
    typeof (x as SerializedError).message === 'string'
  );
}
