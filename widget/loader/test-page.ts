/**
 * A host page for the loader's unit tests, built from Node's own `EventTarget` and `URL`. Node has no
 * DOM, so this stand-in gives capture exactly the members it reads (location, a History object that
 * moves the URL and fires `popstate` on `back()`, document title, visibility and `querySelectorAll`).
 * The real browser behaviour is covered by test/e2e/loader-*.spec.ts.
 */
import type { CaptureWindow } from './capture';
import type { ItemElement } from './items';

/** One element as the scan reads it. */
export function element(attributes: Record<string, string>, textContent: string | null = null): ItemElement {
  return { getAttribute: (name) => attributes[name] ?? null, textContent };
}

/** The stand-in page and the handles a test drives it with. */
export interface TestPage {
  readonly win: CaptureWindow;
  /** Elements returned per selector by `document.querySelectorAll`. */
  readonly elements: Map<string, ItemElement[]>;
  /** Calls made to the original (unwrapped) `pushState` / `replaceState`. */
  readonly calls: string[];
  /** Sets the title. */
  title(text: string): void;
  /** Finishes parsing: sets `readyState` to `interactive` and fires `DOMContentLoaded`. */
  parsed(): void;
  /** Sets visibility and fires `visibilitychange`. */
  visibility(state: DocumentVisibilityState): void;
  /** Fires `pagehide`. */
  hide(): void;
  /** History back: moves the URL to the previous entry and fires `popstate`. */
  back(): void;
  /** Advances the page clock (what `performance.now()` reads) by `ms`. */
  tick(ms: number): void;
}

/** Creates a page at `url`, parsed already unless `loading` is set. */
export function testPage(url: string, { loading = false } = {}): TestPage {
  const location = new URL(url);
  const entries = [location.href];
  const elements = new Map<string, ItemElement[]>();
  const calls: string[] = [];
  let clock = 0;
  const doc = Object.assign(new EventTarget(), {
    title: 'Start',
    readyState: (loading ? 'loading' : 'complete') as DocumentReadyState,
    visibilityState: 'visible' as DocumentVisibilityState,
    querySelectorAll: (selector: string) => elements.get(selector) ?? [],
  });
  const target = new EventTarget();
  const move = (to: string | URL | null | undefined) => {
    if (to !== undefined && to !== null) location.href = new URL(to, location.href).href;
  };
  const history = {
    pushState(_data: unknown, _unused: string, to?: string | URL | null) {
      calls.push(`push ${to}`);
      if (String(to).startsWith('https://elsewhere.example')) throw new Error('SecurityError: other origin');
      move(to);
      entries.push(location.href);
    },
    replaceState(_data: unknown, _unused: string, to?: string | URL | null) {
      calls.push(`replace ${to}`);
      move(to);
      entries[entries.length - 1] = location.href;
    },
  };
  const win: CaptureWindow = {
    location,
    history,
    document: doc,
    addEventListener: (type, fn) => target.addEventListener(type, fn),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    performance: { now: () => clock },
  };
  return {
    win,
    elements,
    calls,
    title: (text) => {
      doc.title = text;
    },
    parsed() {
      doc.readyState = 'interactive';
      doc.dispatchEvent(new Event('DOMContentLoaded'));
    },
    visibility(state) {
      doc.visibilityState = state;
      doc.dispatchEvent(new Event('visibilitychange'));
    },
    hide: () => target.dispatchEvent(new Event('pagehide')),
    back() {
      entries.pop();
      location.href = entries[entries.length - 1] ?? location.href;
      target.dispatchEvent(new Event('popstate'));
    },
    tick(ms) {
      clock += ms;
    },
  };
}
