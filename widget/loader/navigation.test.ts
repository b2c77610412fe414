/**
 * The History API wrapper: applied once per History object, transparent to the site (same `this`,
 * arguments, return value and exceptions), and a listener that throws cannot break navigation.
 * The History object is a small recording class: Node has no History API.
 */
import { describe, expect, it } from 'vitest';
import { type HistoryLike, watchHistory } from './navigation';

class RecordingHistory implements HistoryLike {
  readonly seen: unknown[][] = [];
  pushState(...args: unknown[]): void {
    this.seen.push(['push', this, ...args]);
    if (args[2] === 'bad') throw new DOMException('other origin', 'SecurityError');
  }
  replaceState(...args: unknown[]): void {
    this.seen.push(['replace', this, ...args]);
  }
}

function setup() {
  const history = new RecordingHistory();
  const target = new EventTarget();
  const win = {
    history,
    addEventListener: (type: 'popstate', fn: () => void) => target.addEventListener(type, fn),
  };
  return { history, target, win };
}

describe('watchHistory', () => {
  it('calls the original with the same this and arguments, then notifies', () => {
    const { history, win } = setup();
    const order: string[] = [];
    watchHistory(win, () => order.push('notified'));
    const state = { id: 1 };
    history.pushState(state, '', '/a');
    history.replaceState(null, '', '/b');
    expect(history.seen).toEqual([
      ['push', history, state, '', '/a'],
      ['replace', history, null, '', '/b'],
    ]);
    expect(order).toEqual(['notified', 'notified']);
  });

  it('wraps a History object only once, however often it is asked to', () => {
    const { history, win } = setup();
    let n = 0;
    watchHistory(win, () => n++);
    const first = history.pushState;
    watchHistory(win, () => n++);
    expect(history.pushState).toBe(first);
    history.pushState(null, '', '/a');
    expect(n).toBe(1);
    expect(history.seen).toHaveLength(1);
  });

  it('lets the original exception through and does not notify for a failed call', () => {
    const { history, win } = setup();
    let n = 0;
    watchHistory(win, () => n++);
    expect(() => history.pushState(null, '', 'bad')).toThrow(DOMException);
    expect(n).toBe(0);
  });

  it('never lets a throwing listener reach the caller', () => {
    const { history, target, win } = setup();
    watchHistory(win, () => {
      throw new Error('confide trouble');
    });
    expect(() => history.pushState(null, '', '/a')).not.toThrow();
    expect(() => target.dispatchEvent(new Event('popstate'))).not.toThrow();
    expect(history.seen).toHaveLength(1);
  });

  it('notifies on popstate (back and forward)', () => {
    const { target, win } = setup();
    let n = 0;
    watchHistory(win, () => n++);
    target.dispatchEvent(new Event('popstate'));
    expect(n).toBe(1);
  });

  it('also hears the Navigation API, for routers that kept the original pushState', () => {
    const { history, win } = setup();
    const navigation = new EventTarget();
    let n = 0;
    watchHistory({ ...win, navigation }, () => n++);
    const original = RecordingHistory.prototype.pushState;
    original.call(history, null, '', '/cached'); // the unwrapped method, as a router that cached it
    navigation.dispatchEvent(new Event('currententrychange'));
    expect(n).toBe(1);
  });
});
