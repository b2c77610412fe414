import { describe, expect, it } from 'vitest';
import { SiteCache } from './site-cache';

describe('SiteCache', () => {
  const setup = (ttl = 1000, max = 3) => {
    let clock = 0;
    let loads = 0;
    const db = new Map<string, string>([
      ['a', 'A1'],
      ['b', 'B1'],
      ['c', 'C1'],
      ['d', 'D1'],
    ]);
    const cache = new SiteCache<string>(ttl, max, () => clock);
    const load = async (key: string) => {
      loads++;
      return db.get(key);
    };
    return {
      cache,
      db,
      load,
      loads: () => loads,
      tick: (ms: number) => {
        clock += ms;
      },
    };
  };

  it('serves a hit from memory until the TTL passes, then reads the source again', async () => {
    const s = setup();
    expect(await s.cache.get('a', s.load)).toBe('A1');
    s.db.set('a', 'A2');
    s.tick(999);
    expect(await s.cache.get('a', s.load)).toBe('A1');
    expect(s.loads()).toBe(1);
    s.tick(1);
    expect(await s.cache.get('a', s.load)).toBe('A2');
    expect(s.loads()).toBe(2);
  });

  it('never caches a miss, so a site registered elsewhere is found at once', async () => {
    const s = setup();
    expect(await s.cache.get('new', s.load)).toBeUndefined();
    s.db.set('new', 'N');
    expect(await s.cache.get('new', s.load)).toBe('N');
  });

  it('forgets a removed site once its entry expires', async () => {
    const s = setup();
    await s.cache.get('a', s.load);
    s.db.delete('a');
    s.tick(1000);
    expect(await s.cache.get('a', s.load)).toBeUndefined();
    s.db.set('a', 'A3');
    expect(await s.cache.get('a', s.load)).toBe('A3');
  });

  it('invalidate makes this instance see its own change immediately', async () => {
    const s = setup();
    await s.cache.get('a', s.load);
    s.db.set('a', 'A2');
    s.cache.invalidate('a');
    expect(await s.cache.get('a', s.load)).toBe('A2');
  });

  it('stays bounded, dropping the oldest entry first', async () => {
    const s = setup(1000, 3);
    for (const k of ['a', 'b', 'c', 'd']) await s.cache.get(k, s.load);
    expect(s.loads()).toBe(4);
    await s.cache.get('d', s.load);
    await s.cache.get('b', s.load);
    expect(s.loads()).toBe(4);
    await s.cache.get('a', s.load);
    expect(s.loads()).toBe(5);
  });
});
