/**
 * `report.json` (docs/architecture.md "Machine-readable results") and what goes into it. Each task fills its
 * own sections; a run of one task keeps the other tasks' sections of an existing report, so
 * `evaluate --task intent` does not erase the recommender's numbers. `details` is an added key.
 */
import type { NaturalGraphs } from '../intent/natural-graphs';
import type { MethodComparison } from '../segment/index';
import type { ArtifactSizes } from './artifact-sizes';
import type { Audit } from './audit';
import type { CleanCounts } from './clean';
import type { SplitStats } from './evaluate';
import type { RankingMetrics } from './metrics';
import type { TunedParams, TuneTrial } from './recommend/tune';
import { roundAll } from './run-data';
import type { RecommendTaskResult } from './tasks/recommend-task';

/** The `recommend` section. */
export interface RecommendReport {
  readonly fp32: RankingMetrics;
  readonly int8?: RankingMetrics;
  readonly baselines: { readonly popularity: RankingMetrics; readonly itemknn: RankingMetrics };
  /** The shipped graph's NDCG@10 and Recall@10 by history size and by segment (models/src/audit.ts). */
  readonly audit?: readonly Audit[];
}

/** Classification metrics of the intent sections. */
export interface IntentMetrics {
  readonly accuracy: number;
  readonly macroF1: number;
  readonly oosRecall?: number;
  /** In-scope accuracy with rejection: right intent and above the threshold, over all in-scope rows. */
  readonly inScopeAccuracy?: number;
}

/** The `intent` and `intentShipped` sections. */
export interface IntentReport {
  readonly fp32: IntentMetrics;
  readonly int8?: IntentMetrics;
  /** Packed 4-bit weights (the 77-intent benchmark only, where int8 is over budget). */
  readonly int4?: IntentMetrics;
  /**
   * The natural-phrasing development set (models/data/shopper-phrasing), per graph: the figure a
   * shopper feels, in-scope accuracy with the rejection threshold applied, leads the report.
   */
  readonly natural?: NaturalGraphs;
}

/** The `segment` section. */
export interface SegmentSection {
  readonly k: number;
  readonly silhouette: number;
  readonly daviesBouldin: number;
  readonly stabilityARI: number;
  /** k-means++ vs a Gaussian mixture vs Ward, and which one ships (models/segment/method-comparison.ts). */
  readonly methods?: MethodComparison;
}

/** Context of the recommend evaluation: what the averages are over, what was chosen, what it cost. */
export interface RecommendDetails {
  readonly data: string;
  readonly cleaning: CleanCounts;
  readonly split: SplitStats;
  readonly params: Readonly<Record<string, number | string>>;
  /** Validation search: the chosen values and every setting tried. */
  readonly tuning: {
    readonly chosen: TunedParams;
    readonly validationUsers: number;
    readonly validationTrainRows: number;
    readonly trials: readonly TuneTrial[];
  };
  /** NDCG@10 against the whole held-out basket (out-of-catalog items count as misses). */
  readonly basketNdcg10: Readonly<Record<string, number>>;
  /** NDCG@10 ratios the issue asks about. */
  readonly ndcgVsPopularity: number;
  readonly int8NdcgRelDiff?: number;
  /** Share of users whose ONNX top-10 equals the TypeScript reference scorer's, and the worst score gap. */
  readonly referenceAgreement: number;
  readonly maxScoreDiff: number;
  /** Bytes of the files (the shipped ones when trained, else the evaluated graphs). */
  readonly sizes: { readonly fp32: number; readonly int8?: number; readonly catalog?: number };
  /** Milliseconds. */
  readonly timing: {
    readonly loadMs: number;
    readonly tuneMs: number;
    readonly trainMs: number;
    readonly scoreMs: number;
    readonly evaluateMs: number;
  };
}

/** The whole report file. */
/** The scripted multi-turn dialogues (scripts/evaluate-dialogues.ts) through the real engine. */
export interface DialogueReport {
  readonly dialogues: number;
  readonly turns: number;
  /** Share of turns whose every expectation held. */
  readonly turnAccuracy: number;
  /** Share of dialogues with every turn right. */
  readonly dialogueAccuracy: number;
  /** `answer()` in Node, after each dialogue's first turn. */
  readonly answerMs: { readonly p50: number; readonly p95: number };
  readonly misses: readonly {
    readonly dialogue: string;
    readonly say: string;
    readonly got: string;
    readonly why: string;
  }[];
  /** The held-out dialogues (dialogues-held-out.json), written after the rules were tuned. */
  readonly heldOut?: Omit<DialogueReport, 'heldOut' | 'answerMs'>;
}

export interface EvaluationReport {
  readonly recommend?: RecommendReport;
  readonly intent?: IntentReport;
  readonly intentShipped?: IntentReport;
  readonly segment?: SegmentSection;
  readonly dialogue?: DialogueReport;
  /** Every task's protocol, one paragraph each. */
  readonly protocol: string;
  readonly details: {
    readonly protocols: Readonly<Record<string, string>>;
    readonly recommend?: RecommendDetails;
    readonly intent?: Readonly<Record<string, unknown>>;
    readonly intentShipped?: Readonly<Record<string, unknown>>;
    readonly segment?: Readonly<Record<string, unknown>>;
    /** Sizes of the files DIR/manifest.json names (absent when DIR has no manifest). */
    readonly artifacts?: ArtifactSizes;
    /** Whole evaluate run: wall time and peak RSS. */
    readonly run?: {
      readonly totalMs: number;
      readonly peakRssMiB: number;
      readonly tasks: readonly string[];
    };
  };
}

/** One task's contribution. */
export interface ReportPart {
  readonly sections: Partial<Pick<EvaluationReport, 'recommend' | 'intent' | 'intentShipped' | 'segment'>>;
  readonly details: Partial<Omit<EvaluationReport['details'], 'protocols' | 'run' | 'artifacts'>>;
  readonly protocols: Readonly<Record<string, string>>;
}

/** The recommend part of the report from one task run. */
export function recommendPart(
  r: RecommendTaskResult,
  data: { readonly description: string; readonly clean: CleanCounts },
  loadMs: number,
): ReportPart {
  const e = r.evaluation;
  const s = e.split;
  const inCatalog = s.heldOutItems > 0 ? s.heldOutInCatalog / s.heldOutItems : 0;
  const c = e.chosen;
  const protocol =
    'Recommend: leave-last-basket-out. Each user with purchases on at least 2 distinct days has their last invoice ' +
    'held out; all other rows (every user) are the training data. Hyper-parameters (catalog size, λ, text weight, ' +
    'half-life, rank, item-kNN neighbours) are chosen on a validation split made the same way from the training ' +
    "data only (each user's last training invoice held out), then the catalog and every model are refitted on the " +
    "whole training data. A user's input is interactionVector (models/features, the function the worker runs) over " +
    'their earlier rows as "purchase" interactions, with now = the held-out invoice\'s time. Relevant items: distinct ' +
    "held-out items that are in the catalog and not already in the user's history (the graph masks seen items); " +
    `held-out items outside the catalog cannot be hit and are not counted (${(inCatalog * 100).toFixed(1)}% of ` +
    `held-out items were in the ${s.catalogSize}-item catalog; details.recommend.basketNdcg10 counts them as misses). ` +
    `Users with no relevant item are skipped (${s.evaluatedUsers} of ${s.eligibleUsers} evaluated). Full ranking ` +
    'over the catalog; metrics at 10 averaged over users; coverage = share of the catalog recommended to at least ' +
    'one user. fp32 and int8 are the exported ONNX graphs run in onnxruntime-web (WASM, 1 thread); the baselines ' +
    '(popularity = distinct training users; item-kNN = cosine with the tuned neighbour count) use the same catalog, ' +
    "cases and masking. Not a global time cut: other users' rows later than a held-out invoice stay in training.";
  return {
    sections: {
      recommend: {
        fp32: roundAll(e.fp32),
        ...(e.int8 ? { int8: roundAll(e.int8) } : {}),
        baselines: { popularity: roundAll(e.popularity), itemknn: roundAll(e.itemknn) },
        audit: e.audit,
      },
    },
    details: {
      recommend: {
        data: data.description,
        cleaning: data.clean,
        split: s,
        params: r.params,
        tuning: {
          chosen: c,
          validationUsers: e.tuning.validationUsers,
          validationTrainRows: e.tuning.validationTrainRows,
          trials: e.tuning.trials.map((t) => ({
            ...t,
            ...roundAll({ ndcg10: t.ndcg10, recall10: t.recall10, basketNdcg10: t.basketNdcg10 }),
          })),
        },
        basketNdcg10: roundAll(e.basketNdcg10),
        ndcgVsPopularity: ratio(e.fp32.ndcg10, e.popularity.ndcg10),
        ...(e.int8 ? { int8NdcgRelDiff: ratio(Math.abs(e.int8.ndcg10 - e.fp32.ndcg10), e.fp32.ndcg10) } : {}),
        referenceAgreement: e.referenceAgreement,
        maxScoreDiff: Number(e.maxScoreDiff.toPrecision(3)),
        sizes: r.bytes,
        timing: {
          loadMs: Math.round(loadMs),
          tuneMs: Math.round(e.tuneMs),
          trainMs: Math.round(e.trainMs),
          scoreMs: Math.round(e.scoreMs),
          evaluateMs: Math.round(r.timings.evaluateMs),
        },
      },
    },
    protocols: { recommend: protocol },
  };
}

function ratio(a: number, b: number): number {
  return b > 0 ? Math.round((a / b) * 1e4) / 1e4 : 0;
}

/**
 * Merges parts over an existing report (whose other sections are kept) into a new report.
 * `protocol` joins every task's protocol paragraph in a fixed order.
 */
export function buildReport(
  parts: readonly ReportPart[],
  existing: Partial<EvaluationReport> | undefined,
  extra: Pick<EvaluationReport['details'], 'run' | 'artifacts'> = {},
): EvaluationReport {
  const sections: Record<string, unknown> = {};
  const details: Record<string, unknown> = {};
  const protocols: Record<string, string> = { ...(existing?.details?.protocols ?? {}) };
  for (const key of ['recommend', 'intent', 'intentShipped', 'segment'] as const) {
    if (existing?.[key] !== undefined) sections[key] = existing[key];
    if (existing?.details?.[key] !== undefined) details[key] = existing.details[key];
  }
  // Written by the dialogue evaluation after the models' (scripts/evaluate-dialogues.ts).
  if (existing?.dialogue !== undefined) sections.dialogue = existing.dialogue;
  for (const p of parts) {
    Object.assign(sections, p.sections);
    Object.assign(details, p.details);
    Object.assign(protocols, p.protocols);
  }
  const order = ['recommend', 'segment', 'intent', 'intentShipped'];
  const rank = (key: string): number => (order.includes(key) ? order.indexOf(key) : order.length);
  const orderedProtocols = Object.fromEntries(
    Object.keys(protocols)
      .sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))
      .map((k) => [k, protocols[k] as string]),
  );
  // docs/architecture.md's key order, whichever task ran last.
  const ordered = Object.fromEntries(
    (['recommend', 'intent', 'intentShipped', 'segment', 'dialogue'] as const)
      .filter((key) => sections[key] !== undefined)
      .map((key) => [key, sections[key]]),
  );
  return {
    ...ordered,
    protocol: Object.values(orderedProtocols).join('\n\n'),
    details: {
      protocols: orderedProtocols,
      ...details,
      ...(extra.artifacts ? { artifacts: extra.artifacts } : {}),
      ...(extra.run ? { run: extra.run } : {}),
    },
  } as EvaluationReport;
}
