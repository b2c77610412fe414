/**
 * The public `confide()` function's command layer: each command reaches its target, malformed calls
 * warn (through console.warn, which the test records) and nothing throws to the caller.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CommandTarget, dispatch } from './commands';
import { plainOptions } from './options';

function recorder() {
  const calls: unknown[][] = [];
  const target: CommandTarget = {
    init: (o) => calls.push(['init', plainOptions(o, (m) => calls.push(['warn', m]))]),
    track: (type, props) => calls.push(['track', type, props]),
    open: () => calls.push(['open']),
    close: () => calls.push(['close']),
    consent: (p, s) => calls.push(['consent', p, s]),
    forget: () => calls.push(['forget']),
    export: (fn) => calls.push(['export', typeof fn]),
    on: (event: string, fn: unknown) => calls.push(['on', event, typeof fn]),
  };
  return { calls, target };
}

const warnings = () => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
  return () => spy.mock.calls.map((c) => String(c[0]));
};

afterEach(() => vi.restoreAllMocks());

describe('dispatch', () => {
  it('forwards every valid command', () => {
    const { calls, target } = recorder();
    const warned = warnings();
    const fn = () => {};
    for (const args of [
      ['init', { locale: 'de' }],
      ['track', 'search', { q: 'mug' }],
      ['open'],
      ['close'],
      ['consent', { personalize: true, share: false }],
      ['forget'],
      ['export', fn],
      ['on', 'recommendation', fn],
      ['on', 'segment', fn],
      ['on', 'experiment', fn],
    ]) {
      dispatch(target, args);
    }
    expect(calls).toEqual([
      ['init', { locale: 'de' }],
      ['track', 'search', { q: 'mug' }],
      ['open'],
      ['close'],
      ['consent', true, false],
      ['forget'],
      ['export', 'function'],
      ['on', 'recommendation', 'function'],
      ['on', 'segment', 'function'],
      ['on', 'experiment', 'function'],
    ]);
    expect(warned()).toEqual([]);
  });

  it('warns about malformed calls and forwards none of them', () => {
    const { calls, target } = recorder();
    const warned = warnings();
    dispatch(target, ['export']);
    dispatch(target, ['on', 'segment']);
    dispatch(target, ['on', 'mood', () => {}]);
    dispatch(target, ['forgetAll']);
    expect(calls).toEqual([]);
    expect(warned()).toEqual([
      "[confide] confide('export') ignored: expected a function",
      "[confide] confide('on') ignored: expected ('recommendation' | 'segment' | 'experiment', function)",
      "[confide] confide('on') ignored: expected ('recommendation' | 'segment' | 'experiment', function)",
      '[confide] unknown command "forgetAll"; expected one of init, track, open, close, consent, forget, export, on',
    ]);
  });

  it('turns an exception from the site’s own object into a warning', () => {
    const { target } = recorder();
    const warned = warnings();
    const hostile = {
      get q(): string {
        throw new Error('getter trouble');
      },
    };
    expect(() => dispatch(target, ['track', 'search', hostile])).not.toThrow();
    expect(warned()).toEqual(['[confide] internal error while handling a call: getter trouble']);
  });
});
