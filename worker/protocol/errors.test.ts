import { describe, expect, it } from 'vitest';
import { withTypedErrors, withWireErrors } from './boundary';
import { ConsentError, deserializeError, ModelError, serializeError, ValidationError } from './errors';

describe('errors across the worker boundary', () => {
  it('round-trips typed errors through their wire form', () => {
    const wire = serializeError(new ModelError('model_integrity', 'hash mismatch'));
    expect(wire).toEqual({ name: 'ModelError', code: 'model_integrity', message: 'hash mismatch' });
    const back = deserializeError(structuredClone(wire));
    expect(back).toBeInstanceOf(ModelError);
    expect(back.code).toBe('model_integrity');
  });

  it('turns unknown throwables into internal errors', () => {
    expect(serializeError(new TypeError('boom'))).toEqual({
      name: 'ConfideError',
      code: 'internal',
      message: 'boom',
    });
    expect(serializeError('str')).toMatchObject({ code: 'internal', message: 'str' });
  });

  it('wraps an API so that the caller sees the typed class again', async () => {
    const api = {
      ok: async (x: number) => x * 2,
      gated: async () => {
        throw new ConsentError('consent_required', 'personalize needed');
      },
      bad: async () => {
        throw new ValidationError('invalid_event', 'bad type');
      },
    };
    const wire = withWireErrors(api);
    // What comlink does to a thrown non-Error: it arrives as a structured clone.
    const remote = {
      ok: wire.ok,
      gated: () => wire.gated().catch((e) => Promise.reject(structuredClone(e))),
      bad: () => wire.bad().catch((e) => Promise.reject(structuredClone(e))),
    };
    const typed = withTypedErrors(remote, ['ok', 'gated', 'bad']);
    await expect(typed.ok(21)).resolves.toBe(42);
    await expect(typed.gated()).rejects.toBeInstanceOf(ConsentError);
    await expect(typed.bad()).rejects.toMatchObject({ name: 'ValidationError', code: 'invalid_event' });
  });
});
