import { describe, expect, it } from 'vitest';
import { GroupCommit, type WriteOutcome } from './group-commit';

describe('GroupCommit', () => {
  it('hands writes submitted in the same turn to the writer as one group, in order', async () => {
    const groups: number[][] = [];
    const commits = new GroupCommit<number, number>((items) => {
      groups.push([...items]);
      return items.map((n) => ({ stored: n * 10 }));
    });
    const first = await Promise.all([1, 2, 3].map((n) => commits.submit(n)));
    const second = await commits.submit(4);
    expect(first).toEqual([10, 20, 30]);
    expect(second).toBe(40);
    expect(groups).toEqual([[1, 2, 3], [4]]);
  });

  it('fails only the write whose outcome is an error', async () => {
    const commits = new GroupCommit<string, string>((items) =>
      items.map(
        (s): WriteOutcome<string> =>
          s === 'bad' ? { error: new Error(`cannot store ${s}`) } : { stored: s },
      ),
    );
    const results = await Promise.allSettled(['a', 'bad', 'c'].map((s) => commits.submit(s)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('cannot store bad'));
  });

  it('fails the whole group when the writer throws or rejects, and keeps working afterwards', async () => {
    let mode: 'throw' | 'reject' | 'ok' = 'throw';
    const commits = new GroupCommit<number, number>((items) => {
      if (mode === 'throw') throw new Error('disk full');
      if (mode === 'reject') return Promise.reject(new Error('locked'));
      return items.map((n) => ({ stored: n }));
    });
    await expect(Promise.all([commits.submit(1), commits.submit(2)])).rejects.toThrow('disk full');
    mode = 'reject';
    await expect(commits.submit(3)).rejects.toThrow('locked');
    mode = 'ok';
    expect(await commits.submit(4)).toBe(4);
  });

  it('rejects rather than hangs when the writer answers too few outcomes', async () => {
    const commits = new GroupCommit<number, number>(() => [{ stored: 1 }]);
    const results = await Promise.allSettled([commits.submit(1), commits.submit(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
