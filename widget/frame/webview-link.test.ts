/**
 * The webview bridge's checks and routing. Unit tests run in Node, which has no DOM: each test builds a
 * plain object standing in for the frame's Window (location, parent, and the globals a native webview
 * injects). test/e2e/webview.spec.ts runs the same code in Chromium against the real frame.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FrameMessage, HostMessage } from '../protocol';
import { parseBridgeMessage, parseWebviewParams, type WebviewGlobals } from '../webview-protocol';
import { HostMismatchError } from './host-link';
import { connectWebview, isWebviewMode } from './webview-link';

const ORIGIN = 'http://127.0.0.1:8787';

interface FakeWindow extends WebviewGlobals {
  location: { search: string; origin: string };
  parent: unknown;
}

function fakeWindow(search: string, globals: WebviewGlobals = {}, parent?: unknown): Window & WebviewGlobals {
  const win: FakeWindow = { location: { search, origin: ORIGIN }, parent: null, ...globals };
  win.parent = parent ?? win;
  return win as unknown as Window & WebviewGlobals;
}

function iosWindow(search = '?mode=webview&site=demo') {
  const sent: FrameMessage[] = [];
  const win = fakeWindow(search, {
    webkit: { messageHandlers: { confide: { postMessage: (m) => sent.push(m) } } },
  });
  return { win, sent };
}

const track = (id: string) => ({
  type: 'track',
  event: { type: 'item_view', props: { item: 'sku-1' }, ts: 1_700_000_000_000, id },
});

describe('isWebviewMode', () => {
  it('is true only when the URL says mode=webview', () => {
    expect(isWebviewMode(fakeWindow('?mode=webview&site=demo'))).toBe(true);
    expect(isWebviewMode(fakeWindow(`?site=demo&host=${encodeURIComponent(ORIGIN)}`))).toBe(false);
    expect(isWebviewMode(fakeWindow('?mode=iframe&site=demo'))).toBe(false);
  });
});

describe('parseWebviewParams', () => {
  it('reads the site and the GPC signal, favouring privacy on unreadable values', () => {
    expect(parseWebviewParams('?mode=webview&site=demo')).toEqual({ site: 'demo', gpc: null });
    expect(parseWebviewParams('?mode=webview&site=demo&gpc=1')).toEqual({ site: 'demo', gpc: true });
    expect(parseWebviewParams('?mode=webview&site=demo&gpc=0')).toEqual({ site: 'demo', gpc: false });
    expect(parseWebviewParams('?mode=webview&site=demo&gpc=yes')).toEqual({ site: 'demo', gpc: true });
  });

  it('refuses URLs without a site key, with a host parameter, or in another mode', () => {
    expect(parseWebviewParams('?mode=webview')).toMatch(/site key/);
    expect(parseWebviewParams('?mode=webview&site=a b')).toMatch(/site key/);
    expect(parseWebviewParams(`?mode=webview&site=demo&host=${ORIGIN}`)).toMatch(/host parameter/);
    expect(parseWebviewParams('?site=demo')).toMatch(/mode=webview/);
  });
});

describe('parseBridgeMessage', () => {
  it('accepts objects and JSON strings, with or without the channel', () => {
    expect(parseBridgeMessage({ type: 'open' })).toEqual({ type: 'open', channel: 'confide/1' });
    expect(parseBridgeMessage('{"type":"close","channel":"confide/1"}')).toEqual({
      type: 'close',
      channel: 'confide/1',
    });
    expect(parseBridgeMessage(JSON.stringify(track('e1')))).toMatchObject({ type: 'track' });
  });

  it('records consent from the app as webview-sourced unless the app names a source', () => {
    expect(parseBridgeMessage({ type: 'consent', personalize: true, share: false })).toEqual({
      channel: 'confide/1',
      type: 'consent',
      personalize: true,
      share: false,
      source: 'webview',
    });
    expect(
      parseBridgeMessage({ type: 'consent', personalize: true, share: true, source: 'cmp' }),
    ).toMatchObject({
      source: 'cmp',
    });
    expect(
      parseBridgeMessage({ type: 'consent', personalize: true, share: true, source: 'prompt' }),
    ).toBeNull();
  });

  it("hands the app's config options on as one init call, for the frame to check", () => {
    expect(parseBridgeMessage({ type: 'config', options: { locale: 'de' } })).toEqual({
      type: 'config',
      channel: 'confide/1',
      options: { init: [{ locale: 'de' }] },
    });
  });

  it('refuses other channels, bad shapes, broken or oversized JSON', () => {
    expect(parseBridgeMessage({ type: 'open', channel: 'confide/0' })).toBeNull();
    expect(parseBridgeMessage({ type: 'consent', personalize: 'yes', share: false })).toBeNull();
    expect(
      parseBridgeMessage({ type: 'track', event: { type: 'item_view', props: { a: { b: 1 } } } }),
    ).toBeNull();
    expect(parseBridgeMessage({ type: 'launch' })).toBeNull();
    expect(parseBridgeMessage([{ type: 'open' }])).toBeNull();
    expect(parseBridgeMessage('{"type":')).toBeNull();
    expect(parseBridgeMessage(null)).toBeNull();
    expect(parseBridgeMessage(42)).toBeNull();
    const big = JSON.stringify({ type: 'config', options: { locale: 'x'.repeat(70_000) } });
    expect(parseBridgeMessage(big)).toBeNull();
  });
});

describe('connectWebview', () => {
  it('sends frame messages to the iOS handler as objects, with an explicit non-origin host', () => {
    const { win, sent } = iosWindow('?mode=webview&site=demo&gpc=1');
    const { link, gpc } = connectWebview(win);
    expect(gpc).toBe(true);
    expect(link.site).toBe('demo');
    expect(link.hostOrigin).toBe('webview:');
    link.send({ type: 'ready' });
    link.send({ type: 'segment', segment: { id: 2, name: 'Bargain hunters' } });
    expect(sent).toEqual([
      { type: 'ready', channel: 'confide/1' },
      { type: 'segment', segment: { id: 2, name: 'Bargain hunters' }, channel: 'confide/1' },
    ]);
  });

  it('sends JSON strings to the Android interface', () => {
    const strings: string[] = [];
    const win = fakeWindow('?mode=webview&site=demo', {
      ConfideAndroid: { postMessage: (s) => strings.push(s) },
    });
    const { link, gpc } = connectWebview(win);
    expect(gpc).toBeNull();
    link.send({ type: 'recommendation', items: [{ id: 'sku-1', title: 'Kettle' }] });
    expect(strings).toHaveLength(1);
    expect(JSON.parse(strings[0]!)).toEqual({
      type: 'recommendation',
      items: [{ id: 'sku-1', title: 'Kettle' }],
      channel: 'confide/1',
    });
  });

  it('queues app messages until the frame listens, then delivers them in order', () => {
    const { win } = iosWindow();
    const { link } = connectWebview(win);
    const bridge = win.confideBridge!;
    expect(bridge.receive({ type: 'consent', personalize: true, share: true })).toBe(true);
    expect(bridge.receive(JSON.stringify(track('e1')))).toBe(true);
    expect(bridge.receive({ type: 'nonsense' })).toBe(false);
    const got: HostMessage[] = [];
    link.listen((m) => got.push(m));
    expect(bridge.receive({ type: 'open' })).toBe(true);
    expect(got.map((m) => m.type)).toEqual(['consent', 'track', 'open']);
    expect(got[0]).toMatchObject({ source: 'webview' });
  });

  it('bounds the messages kept before the frame listens', () => {
    const { win } = iosWindow();
    const { link } = connectWebview(win);
    const accepted = Array.from({ length: 120 }, (_, i) => win.confideBridge!.receive(track(`e${i}`)));
    expect(accepted.filter(Boolean)).toHaveLength(100);
    const got: HostMessage[] = [];
    link.listen((m) => got.push(m));
    expect(got).toHaveLength(100);
  });

  it('installs a bridge that page scripts cannot replace', () => {
    const { win } = iosWindow();
    connectWebview(win);
    const bridge = win.confideBridge;
    expect(() => {
      (win as unknown as Record<string, unknown>).confideBridge = { receive: () => true };
    }).toThrow(TypeError);
    expect(win.confideBridge).toBe(bridge);
    expect(Object.isFrozen(bridge)).toBe(true);
    expect(bridge?.channel).toBe('confide/1');
  });

  it('keeps frame messages until the app adds its handler, then delivers them in order', () => {
    const win = fakeWindow('?mode=webview&site=demo');
    const { link } = connectWebview(win);
    link.send({ type: 'ready' });
    link.send({ type: 'view', view: 'panel' });
    const sent: FrameMessage[] = [];
    // iOS lets an app add its script message handler after the page has loaded.
    (win as unknown as Record<string, unknown>).webkit = {
      messageHandlers: { confide: { postMessage: (m: FrameMessage) => sent.push(m) } },
    };
    expect(sent).toEqual([]);
    expect(win.confideBridge!.receive({ type: 'open' })).toBe(true); // the app's first call flushes
    expect(sent.map((m) => m.type)).toEqual(['ready', 'view']);
    link.send({ type: 'view', view: 'launcher' });
    expect(sent.map((m) => m.type)).toEqual(['ready', 'view', 'view']);
  });

  it('keeps only the newest frame messages while no handler is there', () => {
    const win = fakeWindow('?mode=webview&site=demo');
    const { link } = connectWebview(win);
    for (let i = 0; i < 130; i++) link.send({ type: 'segment', segment: { id: i, name: `s${i}` } });
    const strings: string[] = [];
    (win as unknown as Record<string, unknown>).ConfideAndroid = {
      postMessage: (s: string) => strings.push(s),
    };
    link.send({ type: 'ready' });
    expect(strings).toHaveLength(100);
    expect(JSON.parse(strings[0]!)).toMatchObject({ type: 'segment', segment: { id: 31 } });
    expect(JSON.parse(strings[99]!)).toMatchObject({ type: 'ready' });
  });

  it('refuses a bad URL before looking at anything else', () => {
    const { win } = iosWindow(`?mode=webview&site=demo&host=${encodeURIComponent(ORIGIN)}`);
    expect(() => connectWebview(win)).toThrow(HostMismatchError);
    expect(() => connectWebview(win)).toThrow(/host parameter/);
    expect(win.confideBridge).toBeUndefined();
  });

  it('refuses to run framed by another origin, and runs framed by its own (the demo stand-in)', () => {
    const foreignParent = {
      get location(): never {
        throw new DOMException('Blocked a frame from accessing a cross-origin frame', 'SecurityError');
      },
    };
    const handler = { postMessage: () => {} };
    const framed = fakeWindow(
      '?mode=webview&site=demo',
      { webkit: { messageHandlers: { confide: handler } } },
      foreignParent,
    );
    expect(() => connectWebview(framed)).toThrow(HostMismatchError);
    expect(framed.confideBridge).toBeUndefined();

    const ownParent = { location: { origin: ORIGIN } };
    const demo = fakeWindow(
      '?mode=webview&site=demo',
      { webkit: { messageHandlers: { confide: handler } } },
      ownParent,
    );
    expect(connectWebview(demo).link.site).toBe('demo');
  });

  it('keeps running when the native handler throws', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const win = fakeWindow('?mode=webview&site=demo', {
      ConfideAndroid: {
        postMessage: () => {
          throw new Error('torn down');
        },
      },
    });
    const { link } = connectWebview(win);
    expect(() => link.send({ type: 'ready' })).not.toThrow();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused a ready message'));
    warn.mockRestore();
  });
});
