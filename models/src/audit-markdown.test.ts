import { describe, expect, it } from 'vitest';
import { auditLines } from './audit-markdown';

describe('auditLines', () => {
  it('lists the groups worst first, marks the flagged ones and signs the gaps', () => {
    const lines = auditLines({
      metric: 'accuracy',
      by: 'intent',
      overall: 0.9,
      margin: 0.1,
      groups: [
        { group: 'a', n: 10, mean: 0.9001, low: 0.8, high: 1, gap: 0.0001, flagged: false, clear: false },
        { group: 'b', n: 6, mean: 0.5, low: 0.2, high: 0.8, gap: -0.4, flagged: true, clear: true },
      ],
    });
    expect(lines[0]).toContain('1 of 2 groups, 1 with the whole 95% interval below');
    expect(lines[4]).toBe('| b | 6 | 0.500 | 0.200–0.800 | -0.400 | ⚑ below (interval too) |');
    expect(lines[5]).toBe('| a | 10 | 0.900 | 0.800–1.000 | 0.000 |  |');
  });
});
