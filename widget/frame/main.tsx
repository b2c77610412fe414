/**
 * Frame entry. Refuses to start when embedded by anyone but the host named in its URL.
 */
import { render } from 'preact';
import { App } from './app';
import { createController } from './controller';
import { connectHost, HostMismatchError } from './host-link';
import { connectWebview, isWebviewMode } from './webview-link';
import { lazyWorker } from './worker-client';

const root = document.getElementById('root');
try {
  // In a mobile app's webview the frame is the page itself and talks to the app through its bridge.
  const { link, gpc: appGpc } = isWebviewMode(window)
    ? connectWebview(window)
    : { link: connectHost(), gpc: null };
  const browserGpc =
    (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const gpc = appGpc === true || browserGpc;
  const controller = createController(link, lazyWorker(), gpc);
  if (root) render(<App controller={controller} />, root);
} catch (e) {
  if (!(e instanceof HostMismatchError)) throw e;
  console.warn(`[confide] ${e.message}`);
}
