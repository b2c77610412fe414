/**
 * A fitted segmenter as a function of a purchase history: what the worker computes on a visitor's
 * events (the same `segmentFeatures`, then the graph's math), so an evaluation elsewhere — the
 * recommender's per-segment audit — groups customers the way devices would.
 */
import { itemClusterMap, type SegmentPurchase, segmentFeatures } from '../features/segment-features';
import type { SegmentFit } from './fit-segments';
import { segmentReference } from './reference';

/** Assigns purchase histories to the segments of one fit. */
export interface Segmenter {
  /** Segment names, index = segment id. */
  readonly names: readonly string[];
  /** The segment of a history at `nowMs`; −1 when it holds no purchase (the rule segment's case). */
  segmentOf(purchases: readonly SegmentPurchase[], nowMs: number): number;
}

/** The segmenter of `fit`, with its float32 parameters (the int8 graph agrees on every customer). */
export function segmenterOf(fit: Pick<SegmentFit, 'spec' | 'params' | 'itemGroups' | 'names'>): Segmenter {
  const items = itemClusterMap(fit.itemGroups);
  return {
    names: fit.names,
    segmentOf(purchases, nowMs) {
      const v = segmentFeatures(purchases, nowMs, fit.spec, {
        items,
        utcOffsetMinutes: fit.spec.trainUtcOffsetMinutes,
      });
      // float32 first, as the graph (and fitSegments' own labels) see the vector.
      return v === null ? -1 : segmentReference(Float32Array.from(v), fit.params).segment;
    },
  };
}
