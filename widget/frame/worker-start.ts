/**
 * Starting the worker for this page: the site's options as the frame holds them, the visitor's choice
 * as the frame's own storage remembers it (privacy.ts), the site's FAQ fetched from its origin (the
 * worker cannot), and the device class. Apart from the controller so its message plumbing stays
 * readable; the options a started worker keeps are {@link workerOptions}.
 */
import { proxy } from 'comlink';
import type { DeviceClass, WorkerNotice, WorkerStatus } from '../../worker/protocol';
import type { SiteOptions } from '../protocol';
import { fetchFaqBundle } from './faq-fetch';
import type { HostLink } from './host-link';
import { NOTICE_VERSION, readChoice } from './privacy';
import type { LazyWorker } from './worker-client';

/** What {@link startWorker} needs. */
export interface WorkerStart {
  readonly worker: LazyWorker;
  readonly link: HostLink;
  readonly options: SiteOptions;
  readonly locale: string;
  readonly gpc: boolean;
  /** Receives everything the worker pushes, from before `init` answers. */
  readonly onNotice: (notice: WorkerNotice) => void;
  /** Where a problem of the site's setup is told (the console the site owner reads). */
  readonly warn: (message: string) => void;
}

/** Subscribes to the worker's notices and initializes it; resolves to its first status. */
export async function startWorker(s: WorkerStart): Promise<WorkerStatus> {
  const { options, worker } = s;
  const chosen = readChoice();
  // Fetched while the worker starts; the worker cannot fetch from the site's origin itself.
  const faq = typeof options.faq === 'string' ? fetchFaqBundle(options.faq, s.warn) : options.faq;
  await worker.subscribe(proxy(s.onNotice));
  const faqConfig = await faq;
  return worker.init({
    site: s.link.site,
    serverUrl: location.origin,
    notice: NOTICE_VERSION,
    gpc: s.gpc,
    device: deviceClass(),
    ...(chosen ? { chosen } : {}),
    locale: s.locale,
    ...(options.templates ? { templates: options.templates } : {}),
    ...(faqConfig ? { faq: faqConfig } : {}),
    ...(options.handoff ? { handoff: options.handoff } : {}),
    ...(options.experiments ? { experiments: options.experiments } : {}),
    ...(options.webgpu !== undefined ? { webgpu: options.webgpu } : {}),
  });
}

/** The options that configured the worker; they stay as they were when a config comes late. */
export function workerOptions(o: SiteOptions): SiteOptions {
  const { templates, faq, handoff, experiments, webgpu } = o;
  return {
    ...(templates ? { templates } : {}),
    ...(faq ? { faq } : {}),
    ...(handoff ? { handoff } : {}),
    ...(experiments ? { experiments } : {}),
    ...(webgpu !== undefined ? { webgpu } : {}),
  };
}

/** Coarse device class from the screen (the frame's own viewport is only the widget's size). */
function deviceClass(): DeviceClass {
  const coarse = matchMedia('(pointer: coarse)').matches;
  const width = Math.min(screen.width, screen.height);
  if (coarse && width < 600) return 'mobile';
  if (coarse && width < 1024) return 'tablet';
  return 'desktop';
}
