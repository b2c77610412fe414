/**
 * The server-priors stage of the recommendation chain: popularity estimated by the sync server from
 * the devices' noised reports. The request names nothing about the visitor (no segment: the server
 * would learn it from every device, with or without `share`), goes out under the network policy,
 * is validated against the shared schema and kept for a while; any failure makes the stage
 * unavailable with a reason, never an error for the visitor.
 */
import { parsePriors } from '../../sync-server/protocol';
import { deviceFetch } from '../network';
import type { StageResult } from './recommend-chain';

/** How long a fetched prior is reused. */
const FRESH_MS = 30 * 60_000;

/** A per-worker cache of the server's priors. */
export interface PriorsSource {
  stage(nowMs: number): Promise<StageResult>;
}

/** Creates the source for one server. */
export function createPriorsSource(serverUrl: string): PriorsSource {
  const base = serverUrl.replace(/\/$/, '');
  let hit: { at: number; result: StageResult } | undefined;
  return {
    async stage(nowMs) {
      if (hit && nowMs - hit.at < FRESH_MS) return hit.result;
      const result = await fetchStage(base);
      hit = { at: nowMs, result };
      return result;
    },
  };
}

async function fetchStage(base: string): Promise<StageResult> {
  let body: unknown;
  try {
    const res = await deviceFetch(`${base}/v1/priors`);
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
      reason: 'Popular with shoppers on this site',
    })),
  };
}
