/**
 * Automatic capture on the host page: page views (also single-page-app navigations), the items a page
 * shows, order lines, add-to-cart clicks, searches and dwell time. Only paths are kept, never query
 * strings (they often hold e-mails or tokens); a search query is taken from its own parameter only.
 */
import type { EventType, PropValue } from '../../worker/protocol';
import { trackDwell } from './dwell';
import { type ItemDocument, scanItems } from './items';
import { type HistoryLike, watchHistory } from './navigation';
import { formSearch, SEARCH_PARAMS, urlSearch } from './search';

/** Receives each captured event. */
export type Emit = (type: EventType, props: Record<string, PropValue>) => void;

/** The part of `window` capture uses; the real `window` satisfies it. */
export interface CaptureWindow {
  readonly location: { readonly pathname: string; readonly search: string };
  readonly history: HistoryLike;
  readonly document: ItemDocument & {
    readonly title: string;
    readonly readyState: DocumentReadyState;
    readonly visibilityState: DocumentVisibilityState;
    addEventListener(type: string, listener: (e: Event) => void, options?: AddEventListenerOptions): void;
  };
  addEventListener(type: string, listener: (e: Event) => void, options?: AddEventListenerOptions): void;
  setTimeout(handler: () => void, ms: number): unknown;
  readonly performance: { now(): number };
}

/**
 * After a History API call the app renders the new page; the page view (with its title and items)
 * is read this long after the first call, which also folds a redirect's push-then-replace into one.
 */
export const SETTLE_MS = 100;

/** Starts capturing. Everything here runs in event handlers that never throw into the page. */
export function startCapture(emit: Emit, win: CaptureWindow): void {
  const doc = win.document;
  const seen = new WeakMap<object, string>();
  let key: string | null = null;
  let path = '';
  let lastQuery: string | null = null;
  const search = (q: string) => {
    // The same query again (a results page after its form was reported) is one search.
    if (q !== lastQuery) emit('search', { q });
    lastQuery = q;
  };
  const dwell = trackDwell(
    doc,
    win,
    // A page left before it was parsed had no page view, so it has no dwell either.
    (ms) => key !== null && emit('dwell', { ms, path }),
    () => win.performance.now(),
  );

  const page = () => {
    const { pathname, search: query } = win.location;
    if (pathname + query === key) return; // A hash change or a state-only replaceState.
    if (key !== null) dwell.next();
    key = pathname + query;
    path = pathname.slice(0, 200);
    emit('page_view', { path, title: doc.title.slice(0, 120) });
    const q = urlSearch(query);
    if (q) search(q);
    for (const e of scanItems(doc, seen)) emit(e.type, e.props);
  };
  // confide.js is async: it may run while the body is still being parsed, before the products and
  // order lines below the script exist. The first page is read once the document is complete.
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', page, { once: true });
  else page();

  let pending = false;
  watchHistory(win, () => {
    if (pending) return;
    pending = true;
    win.setTimeout(() => {
      pending = false;
      page();
    }, SETTLE_MS);
  });
  // Back from the back/forward cache: the same document is a new visit of the page.
  win.addEventListener('pageshow', (e) => {
    if ((e as PageTransitionEvent).persisted) {
      key = null;
      page();
    }
  });

  doc.addEventListener(
    'click',
    (e) => {
      const target = e.target as Element;
      const el = target.closest?.('[data-confide-add-to-cart]');
      const item = el && (el.getAttribute('data-confide-add-to-cart') || '').trim();
      if (item) emit('add_to_cart', { item: item.slice(0, 64) });
    },
    { capture: true, passive: true },
  );
  // Bubble phase on window: the site's own handlers have run, so `defaultPrevented` is known.
  win.addEventListener('submit', (e) => {
    const form = e.target as HTMLFormElement;
    if (!form.elements) return;
    const found = formSearch(!!form.closest('[role=search],search'), form.elements as Iterable<never>);
    if (!found) return;
    // A plain GET submit carries the query to the next page's URL, and that page reports it.
    const navigates =
      !e.defaultPrevented && form.method === 'get' && SEARCH_PARAMS.includes(found.name as 'q');
    if (!navigates) search(found.q);
  });
}
