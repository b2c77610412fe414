/**
 * The server-priors stage of the recommendation chain: popularity estimated by the sync server from
 * the devices' noised reports. Fetched without credentials, validated against the shared schema,
 * and kept for a while per segment; any failure makes the stage unavailable with a reason, never an
 * error for the visitor.
 */
import { parsePriors } from '../../sync-server/protocol';
import type { StageResult } from './recommend-chain';

/** How long a fetched prior is reused. */
const FRESH_MS = 30 * 60_000;

/** A per-worker cache of the server's priors. */
export interface PriorsSource {
  stage(segment: number | null, nowMs: number): Promise<StageResult>;
}

/** Creates the source for one server. */
export function createPriorsSource(serverUrl: string): PriorsSource {
  const base = serverUrl.replace(/\/$/, '');
  const cache = new Map<string, { at: number; result: StageResult }>();
  return {
    async stage(segment, nowMs) {
      const key = segment === null ? 'all' : String(segment);
      const hit = cache.get(key);
      if (hit && nowMs - hit.at < FRESH_MS) return hit.result;
      const result = await fetchStage(base, segment);
      cache.set(key, { at: nowMs, result });
      return result;
    },
  };
}

async function fetchStage(base: string, segment: number | null): Promise<StageResult> {
  const url = `${base}/v1/priors${segment === null ? '' : `?segment=${segment}`}`;
  let body: unknown;
  try {
    const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!res.ok) return { basis: 'priors', unavailable: `the server answered ${res.status}` };
    body = await res.json();
  } catch (e) {
    return { basis: 'priors', unavailable: `the server could not be reached (${(e as Error).message})` };
  }
  const priors = parsePriors(body);
  if (!priors) return { basis: 'priors', unavailable: 'the server sent priors in an unknown format' };
  if (priors.items.length === 0) {
    return { basis: 'priors', unavailable: `too few shared reports yet (k = ${priors.minReports})` };
  }
  return {
    basis: 'priors',
    candidates: priors.items.map((i) => ({
      id: i.id,
      score: i.score,
      reason:
        segment === null
          ? 'Popular with shoppers on this site'
          : 'Popular with shoppers like you on this site',
    })),
  };
}
