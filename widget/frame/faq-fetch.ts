/**
 * The site's FAQ bundle, fetched by the frame: the worker may connect only to its own server (its
 * CSP), while the frame's policy admits the site's own origins, where the bundle lives. Fetched
 * without cookies; a failure costs the FAQ, never the widget.
 */
import type { FaqBundleRef } from '../../worker/protocol';

/** Largest bundle read: 200 entries with their vectors fit well under this. */
export const MAX_FAQ_BUNDLE_CHARS = 4 * 1024 * 1024;

/** The bundle at `url`, or undefined after a `warn` saying why not. */
export async function fetchFaqBundle(
  url: string,
  warn: (m: string) => void,
): Promise<FaqBundleRef | undefined> {
  try {
    const res = await fetch(url, { credentials: 'omit', mode: 'cors' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const text = await res.text();
    if (text.length > MAX_FAQ_BUNDLE_CHARS) throw new Error(`larger than ${MAX_FAQ_BUNDLE_CHARS} characters`);
    return { url: res.url || url, bundle: JSON.parse(text) as unknown };
  } catch (e) {
    warn(
      `FAQ ${url} not loaded (served with Access-Control-Allow-Origin for this widget?): ${(e as Error).message}`,
    );
    return undefined;
  }
}
