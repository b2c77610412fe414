/**
 * The server-priors stage. `fetch` is replaced by a function answering with real `Response`s in the
 * shape of the shared schema (sync-server/protocol/priors.ts), so each answer's handling is exact; the
 * real route is held to the same schema by sync-server/src/routes/priors-route.test.ts.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPriorsSource } from './priors';

const body = (items: { id: string; score: number }[]) => ({
  schema: 1,
  model: 'confide-1',
  segment: null,
  minReports: 20,
  items,
});

function answer(make: (url: string) => Response): { url: string; init?: RequestInit }[] {
  const calls: { url: string; init?: RequestInit }[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(input), ...(init ? { init } : {}) });
    return make(String(input));
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('server priors', () => {
  it('asks without naming the visitor, under the network policy, and reuses the answer a while', async () => {
    const calls = answer(() =>
      Response.json(
        body([
          { id: 'a', score: 0.3 },
          { id: 'b', score: 0.1 },
        ]),
      ),
    );
    const source = createPriorsSource('http://server.test/');
    const stage = await source.stage(0);
    expect(stage).toMatchObject({
      basis: 'priors',
      candidates: [
        { id: 'a', score: 0.3, reason: 'Popular with shoppers on this site' },
        { id: 'b', score: 0.1 },
      ],
    });
    await source.stage(60_000);
    await source.stage(31 * 60_000);
    // No segment, nor anything else about the visitor, in the URL; no cookies, referrer or HTTP cache.
    expect(calls.map((c) => c.url)).toEqual(['http://server.test/v1/priors', 'http://server.test/v1/priors']);
    expect(calls[0]?.init).toMatchObject({
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
  });

  it('is unavailable, with the reason, on an error status, a bad body, no items or no network', async () => {
    answer(() => new Response('nope', { status: 404 }));
    expect(await createPriorsSource('http://s').stage(0)).toEqual({
      basis: 'priors',
      unavailable: 'the server answered 404',
    });
    answer(() => Response.json({ ...body([{ id: 'a', score: 1 }]), extra: 'field' }));
    expect(await createPriorsSource('http://s').stage(0)).toMatchObject({
      unavailable: 'the server sent priors in an unknown format',
    });
    answer(() => Response.json(body([])));
    expect(await createPriorsSource('http://s').stage(0)).toMatchObject({
      unavailable: 'too few shared reports yet (k = 20)',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await createPriorsSource('http://s').stage(0)).toMatchObject({
      unavailable: expect.stringContaining('could not be reached'),
    });
  });
});
