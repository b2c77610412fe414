/**
 * The server-priors stage. `GET /v1/priors` belongs to the sync server's own issue and does not exist
 * there yet, so `fetch` is replaced by a function answering with real `Response`s in the shape of the
 * shared schema (sync-server/protocol/priors.ts); that schema is the contract both ends are held to.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPriorsSource } from './priors';

const body = (items: { id: string; score: number }[], segment: number | null = 1) => ({
  schema: 1,
  model: 'confide-1',
  segment,
  minReports: 20,
  items,
});

function answer(make: (url: string) => Response): string[] {
  const urls: string[] = [];
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    urls.push(String(input));
    return make(String(input));
  });
  return urls;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('server priors', () => {
  it('turns valid priors into ranked candidates for the segment, and reuses them for a while', async () => {
    const urls = answer(() =>
      Response.json(
        body([
          { id: 'a', score: 0.3 },
          { id: 'b', score: 0.1 },
        ]),
      ),
    );
    const source = createPriorsSource('http://server.test/');
    const stage = await source.stage(1, 0);
    expect(stage).toMatchObject({
      basis: 'priors',
      candidates: [
        { id: 'a', score: 0.3, reason: 'Popular with shoppers like you on this site' },
        { id: 'b', score: 0.1 },
      ],
    });
    await source.stage(1, 60_000);
    expect(urls).toEqual(['http://server.test/v1/priors?segment=1']);
    await source.stage(null, 60_000);
    await source.stage(1, 31 * 60_000);
    expect(urls).toEqual([
      'http://server.test/v1/priors?segment=1',
      'http://server.test/v1/priors',
      'http://server.test/v1/priors?segment=1',
    ]);
  });

  it('is unavailable, with the reason, on an error status, a bad body, no items or no network', async () => {
    answer(() => new Response('nope', { status: 404 }));
    expect(await createPriorsSource('http://s').stage(null, 0)).toEqual({
      basis: 'priors',
      unavailable: 'the server answered 404',
    });
    answer(() => Response.json({ ...body([{ id: 'a', score: 1 }]), extra: 'field' }));
    expect(await createPriorsSource('http://s').stage(null, 0)).toMatchObject({
      unavailable: 'the server sent priors in an unknown format',
    });
    answer(() => Response.json(body([])));
    expect(await createPriorsSource('http://s').stage(null, 0)).toMatchObject({
      unavailable: 'too few shared reports yet (k = 20)',
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await createPriorsSource('http://s').stage(null, 0)).toMatchObject({
      unavailable: expect.stringContaining('could not be reached'),
    });
  });
});
