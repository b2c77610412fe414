import { describe, expect, it } from 'vitest';
import type { OnnxPredictions } from './evaluate-onnx';
import { naturalFigures } from './natural-scoring';

const predictions = (predicted: number[], top: number[]): OnnxPredictions => ({
  predicted: Int32Array.from(predicted),
  top: Float64Array.from(top),
});

describe('natural-phrasing figures', () => {
  it('counts a right intent the threshold rejects as wrong, and lists the costly confusions', () => {
    const labels = ['track_order', 'get_refund', 'delivery_period'];
    const truth = Int32Array.from([0, 0, 1, 2, 2]);
    // right and accepted; right but rejected; wrong and accepted; wrong twice the same way.
    const inScope = predictions([0, 0, 2, 1, 1], [0.9, 0.2, 0.8, 0.7, 0.6]);
    const outOfScope = predictions([0, 1, 2, 0], [0.1, 0.9, 0.3, 0.2]);
    const f = naturalFigures(labels, truth, inScope, outOfScope, 0.5);
    expect(f).toEqual({
      inScope: 5,
      outOfScope: 4,
      top1: 0.4,
      inScopeAccuracy: 0.2,
      inScopeRejected: 0.2,
      oosRecall: 0.75,
      confusions: [
        { truth: 'delivery_period', predicted: 'get_refund', count: 2 },
        { truth: 'get_refund', predicted: 'delivery_period', count: 1 },
        { truth: 'track_order', predicted: 'rejected', count: 1 },
      ],
    });
  });
});
