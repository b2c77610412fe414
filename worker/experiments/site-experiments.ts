/**
 * Where the worker's experiment specs come from: the host page's `experiments` option when it set
 * one (the site owner's code is the most direct source), otherwise the sync server's
 * `GET /v1/experiments?site=KEY`, so experiments can be started and stopped from the admin API
 * without redeploying the site. The server is asked once per worker and only once the visitor has
 * granted `personalize`: before that no variant can be recorded, and nothing is fetched for nothing.
 */
import { parseExperimentsAnswer } from '../../sync-server/protocol/experiments';
import { withPolicy } from '../network';
import type { ExperimentSpec } from '../protocol';
import { SyncError } from '../protocol';
import { validateExperiments } from './validate-experiments';

/** The specs in force, and how to get the server's. */
export interface SiteExperiments {
  /** The specs known now (the host's, or the server's once loaded). */
  current(): readonly ExperimentSpec[];
  /** The specs in force, asking the server first when the host configured none. */
  load(): Promise<readonly ExperimentSpec[]>;
}

/** What the source needs to know about the site. */
export interface SiteExperimentsOptions {
  /** The host's validated specs, or undefined when the host set none. */
  readonly fromHost: readonly ExperimentSpec[] | undefined;
  readonly serverUrl: string;
  readonly site: string;
  readonly fetch?: typeof fetch;
}

/** Fetches and validates a site's experiments from the sync server. */
export async function fetchSiteExperiments(
  serverUrl: string,
  site: string,
  fetchImpl: typeof fetch = fetch,
): Promise<ExperimentSpec[]> {
  const url = `${serverUrl.replace(/\/$/, '')}/v1/experiments?site=${encodeURIComponent(site)}`;
  let res: Response;
  try {
    res = await fetchImpl(url, withPolicy());
  } catch (e) {
    throw new SyncError('network', `could not reach the sync server: ${(e as Error).message}`);
  }
  if (!res.ok) throw new SyncError('server_rejected', `GET /v1/experiments answered ${res.status}`);
  const answer = parseExperimentsAnswer(await res.json().catch(() => undefined));
  if (!answer) throw new SyncError('server_rejected', 'GET /v1/experiments answered an invalid list');
  // The worker's own rules (weights, names) apply to server specs exactly as to the host's.
  return validateExperiments(answer.experiments);
}

/** Creates the source for one `init`. */
export function siteExperiments(options: SiteExperimentsOptions): SiteExperiments {
  let specs: readonly ExperimentSpec[] = options.fromHost ?? [];
  let loading: Promise<readonly ExperimentSpec[]> | null = null;
  return {
    current: () => specs,
    load() {
      if (options.fromHost) return Promise.resolve(specs);
      loading ??= fetchSiteExperiments(options.serverUrl, options.site, options.fetch).then(
        (fetched) => {
          specs = fetched;
          return specs;
        },
        (error: unknown) => {
          // A failed fetch is retried on the next call rather than remembered.
          loading = null;
          throw error;
        },
      );
      return loading;
    },
  };
}
