/**
 * A whole simulated site: a fixed population of devices, each active on some days (about `perDay` a
 * day), each active day sending the daily set of the metric table (./simulated-behaviour.ts), stored
 * day by day as the ingest path stores batches. `npm run simulate` (sync-server/cli/simulate-devices.ts)
 * and the dashboard's drift test run this same code, so what the test asserts is what the CLI shows.
 *
 * True shares. Visitors who have bought (45 % at the start, 2 % of the others buying each day) fall
 * into the model's segments in the training mix of the manifest, and chats are out of scope at the
 * calibration share (1 − acceptance), so without drift the dashboard's drift test compares like with
 * like. With `drift`, from the first of the last {@link SIMULATED_DRIFT_DAYS} days on, the
 * purchasers' mix moves {@link SEGMENT_DRIFT} of its mass onto the smallest training segment and the
 * out-of-scope share of chats rises by {@link OUT_OF_SCOPE_DRIFT}: a campaign bringing new customers
 * and questions the model does not cover. A step rather than a ramp, so the whole drift window sees
 * the shift. Each device keeps its own uniform draw and takes its segment from the day's mix at that
 * draw, so a shift moves some devices to another segment (which then draws a new permanent response,
 * as a real device does when its segment changes).
 */

import type { Report } from '../../protocol/index';
import type { Uniform } from '../../protocol/krr';
import type { Store } from '../store';
import {
  dailySet,
  SIMULATED_EXPERIMENT,
  type SimulatedDevice,
  weightedIndex,
  zipf,
} from './simulated-behaviour';
import { storeReports } from './simulated-devices';

/** The last days over which `drift` shifts the true shares: as long as the dashboard's drift window. */
export const SIMULATED_DRIFT_DAYS = 14;
/** Under drift, the part of the purchasers' segment mix moved onto the smallest training segment. */
export const SEGMENT_DRIFT = 0.4;
/** Under drift, what is added to the out-of-scope share of chats (capped at 0.95). */
export const OUT_OF_SCOPE_DRIFT = 0.4;
/** Share of the population active on a given day. */
export const ACTIVE_SHARE = 0.6;
/** Out-of-scope share of chats when the manifest has no calibrated acceptance. */
const DEFAULT_OUT_OF_SCOPE = 0.1;
const BUYER_SHARE = 0.45;
const DAILY_FIRST_PURCHASE = 0.02;
const DAY_MS = 86_400_000;

/** What the simulation needs from the served model (read from its manifest by the caller). */
export interface SimulatedModel {
  readonly version: string;
  /** Model segments; the rule segment (no purchase) is id `clusters`. */
  readonly clusters: number;
  /** Intent labels; out of scope is index `intents`. */
  readonly intents: number;
  readonly itemIds: readonly string[];
  /** Training share of each model segment; a uniform mix when null. */
  readonly segmentShares: readonly number[] | null;
  /** Out-of-scope share of chats at calibration; {@link DEFAULT_OUT_OF_SCOPE} when null. */
  readonly outOfScopeShare: number | null;
}

/**
 * The model to simulate from the dashboard's labels of the served manifest (../dashboard/labels.ts,
 * taken structurally so this layer does not import the dashboard): the rule segment and "out of scope"
 * are the last labels, the model's own come before them.
 */
export function simulatedModelOf(labels: {
  readonly version: string;
  readonly segments: readonly string[];
  readonly intents: readonly string[];
  readonly itemIds: readonly string[];
  readonly references: {
    readonly segmentShares: readonly number[] | null;
    readonly outOfScopeShare: number | null;
  };
}): SimulatedModel {
  return {
    version: labels.version,
    clusters: labels.segments.length - 1,
    intents: labels.intents.length - 1,
    itemIds: labels.itemIds,
    segmentShares: labels.references.segmentShares,
    outOfScopeShare: labels.references.outOfScopeShare,
  };
}

/** What to simulate. */
export interface SimulationPlan {
  /** A site key that does not exist yet: it is created without origins, so nothing real posts for it. */
  readonly site: string;
  readonly days: number;
  /** Devices active per day, on average. */
  readonly perDay: number;
  /** Shift the true shares over the last {@link SIMULATED_DRIFT_DAYS} days. */
  readonly drift: boolean;
  /** The last simulated day. */
  readonly today: Date;
  /** The behaviour's and the encoders' randomness (crypto for the CLI, seeded in tests). */
  readonly uniform: Uniform;
  /** One line per stored day. */
  readonly log?: (line: string) => void;
}

/** The purchasers' true segment mix on a day: the training shares, shifted when drifting. */
export function segmentMix(model: SimulatedModel, drifting: boolean): number[] {
  const n = model.clusters;
  const base =
    model.segmentShares?.length === n ? [...model.segmentShares] : new Array<number>(n).fill(1 / n);
  if (!drifting) return base;
  const target = base.indexOf(Math.min(...base));
  return base.map((s, i) => (1 - SEGMENT_DRIFT) * s + (i === target ? SEGMENT_DRIFT : 0));
}

/** The true out-of-scope share of chats on a day. */
export function outOfScopeMix(model: SimulatedModel, drifting: boolean): number {
  const base = model.outOfScopeShare ?? DEFAULT_OUT_OF_SCOPE;
  return drifting ? Math.min(0.95, base + OUT_OF_SCOPE_DRIFT) : base;
}

interface Visitor extends SimulatedDevice {
  buyer: boolean;
  readonly draw: number;
}

/** Simulates the site and stores its reports; returns how many were stored. */
export async function simulateSite(
  store: Store,
  model: SimulatedModel,
  plan: SimulationPlan,
): Promise<number> {
  const u = plan.uniform;
  await store.upsertSite(plan.site, [], plan.today.toISOString().slice(0, 10));
  const experiment = {
    id: SIMULATED_EXPERIMENT.id,
    variants: SIMULATED_EXPERIMENT.variants.map(({ name, weight }) => ({ name, weight })),
  };
  await store.setExperiments(plan.site, [experiment]);
  const arms = SIMULATED_EXPERIMENT.variants;
  const world = {
    u,
    clusters: model.clusters,
    intents: model.intents,
    itemIds: model.itemIds,
    item: zipf(u, model.itemIds.length, 1.05),
    intent: zipf(u, model.intents, 0.9),
    experiment: experiment.id,
  };
  const devices: Visitor[] = Array.from({ length: Math.ceil(plan.perDay / ACTIVE_SHARE) }, () => ({
    buyer: u() < BUYER_SHARE,
    draw: u(),
    segment: model.clusters,
    arm: u() < 0.5 || arms.length < 2 ? 0 : 1,
    converted: false,
    memo: new Map(),
  }));
  let stored = 0;
  for (let back = plan.days - 1; back >= 0; back--) {
    const day = new Date(plan.today.getTime() - back * DAY_MS).toISOString().slice(0, 10);
    const drifting = plan.drift && back < SIMULATED_DRIFT_DAYS;
    const mix = segmentMix(model, drifting);
    const dayWorld = { ...world, outOfScope: outOfScopeMix(model, drifting) };
    const reports: Report[] = [];
    let active = 0;
    for (const device of devices) {
      if (!device.buyer && u() < DAILY_FIRST_PURCHASE) device.buyer = true;
      device.segment = device.buyer ? weightedIndex(mix, device.draw) : model.clusters;
      if (u() >= ACTIVE_SHARE) continue;
      active += 1;
      if (!device.converted && u() < (arms[device.arm]?.rate ?? 0) / plan.days) device.converted = true;
      reports.push(...dailySet(device, dayWorld));
    }
    await storeReports(store, reports, { site: plan.site, model: model.version, day });
    stored += reports.length;
    plan.log?.(`${day}: ${active} active devices, ${reports.length} reports${drifting ? ' (drifting)' : ''}`);
  }
  return stored;
}
