/**
 * The recommender audit's "by segment" grouping: each evaluated customer is put in the segment the
 * shipped segmenter assigns to their purchases before the held-out invoice — the segment their device
 * would have shown at that moment, so a flagged group is one a real visitor group experiences.
 */
import { purchasesByUser, type Segmenter } from '../../segment/index';
import type { CaseGrouping } from '../evaluate';
import type { RawInteraction } from '../read-interactions';

/** Groups customers by `segmenter` over their rows of `rows` before each held-out time. */
export function segmentGrouping(segmenter: Segmenter, rows: readonly RawInteraction[]): CaseGrouping {
  const byUser = purchasesByUser(rows);
  return {
    by: 'segment',
    order: segmenter.names,
    of(user, nowMs) {
      const before = (byUser.get(user) ?? []).filter((p) => p.ts < nowMs);
      const id = segmenter.segmentOf(before, nowMs);
      return segmenter.names[id] ?? null;
    },
  };
}
