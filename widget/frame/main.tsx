/**
 * Frame entry. Refuses to start when embedded by anyone but the host named in its URL.
 */
import { render } from 'preact';
import { App } from './app';
import { createController } from './controller';
import { connectHost, HostMismatchError } from './host-link';
import { startWorker } from './worker-client';

const root = document.getElementById('root');
try {
  const link = connectHost();
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  const controller = createController(link, startWorker(), gpc);
  if (root) render(<App controller={controller} />, root);
} catch (e) {
  if (!(e instanceof HostMismatchError)) throw e;
  console.warn(`[confide] ${e.message}`);
}
