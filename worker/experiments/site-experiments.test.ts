/**
 * Experiments from the sync server: the engine on the real artifacts and the real server app (in
 * process, see test-artifacts) with experiments set through the store as the admin API sets them.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseReportBatch } from '../../sync-server/protocol';
import { type ServedArtifacts, serveArtifacts, TEST_SITE } from '../../test/support/model-artifacts';
import { createEngine } from '../engine';
import type { WorkerConfig } from '../protocol';
import { fetchSiteExperiments } from './site-experiments';

const SPEC = {
  id: 'cards-v2',
  variants: [
    { name: 'control', weight: 1 },
    { name: 'carousel', weight: 1 },
  ],
};

let served: ServedArtifacts;
let config: WorkerConfig;
let appFetch: typeof fetch;
const asked: string[] = [];
const posted: string[] = [];

beforeAll(async () => {
  served = await serveArtifacts();
  config = { site: TEST_SITE, serverUrl: served.serverUrl, notice: 'v1', gpc: false };
  appFetch = globalThis.fetch;
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.includes('/v1/experiments')) asked.push(url);
    if (url.endsWith('/v1/reports')) posted.push(String(init?.body));
    return appFetch(input, init);
  }) as typeof fetch;
});
afterAll(async () => {
  globalThis.fetch = appFetch;
  await served.close();
});
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  asked.length = 0;
  posted.length = 0;
  await served.store.setExperiments(TEST_SITE, [SPEC]);
});

describe('experiments from the sync server', () => {
  it('asks nothing before personalize, then assigns, records and reports the server experiments', async () => {
    const engine = createEngine();
    await engine.init(config);
    expect(await engine.experiments()).toEqual([]);
    await expect(engine.assign('cards-v2')).rejects.toMatchObject({ code: 'invalid_argument' });
    expect(asked).toEqual([]);

    await engine.setConsent({ personalize: true, share: true }, 'prompt');
    const [assignment, ...rest] = await engine.experiments();
    expect(rest).toEqual([]);
    expect(assignment).toMatchObject({ experiment: 'cards-v2', recorded: true });
    expect(['control', 'carousel']).toContain(assignment?.variant);
    // Asked once per worker, however often the frame asks.
    await engine.experiments();
    expect(asked).toEqual([`${served.serverUrl}/v1/experiments?site=${TEST_SITE}`]);

    await engine.sync();
    const reports = posted.flatMap((body) => {
      const parsed = parseReportBatch(JSON.parse(body));
      return parsed.ok ? parsed.batch.reports : [];
    });
    const conversion = reports.find((r) => r.metric === 'experiment_conversion');
    expect(conversion).toMatchObject({ encoding: 'krr', domain: 4, experiment: 'cards-v2' });
  });

  it("prefers the host's experiments and never asks the server then", async () => {
    const engine = createEngine();
    const host = { id: 'greeting', variants: SPEC.variants };
    await engine.init({ ...config, experiments: [host] });
    await engine.setConsent({ personalize: true, share: false }, 'prompt');
    expect((await engine.experiments()).map((a) => a.experiment)).toEqual(['greeting']);
    expect(asked).toEqual([]);
  });

  it('refuses an invalid server answer with a typed error', async () => {
    const answer = (body: unknown, status = 200) =>
      (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    const bad = { schema: 1, experiments: [{ id: 'x', variants: [{ name: 'only', weight: 1 }] }] };
    await expect(fetchSiteExperiments('http://s', 'demo', answer(bad))).rejects.toMatchObject({
      code: 'server_rejected',
    });
    await expect(fetchSiteExperiments('http://s', 'demo', answer({}, 404))).rejects.toMatchObject({
      code: 'server_rejected',
    });
    const down = (async () => {
      throw new TypeError('offline');
    }) as unknown as typeof fetch;
    await expect(fetchSiteExperiments('http://s', 'demo', down)).rejects.toMatchObject({ code: 'network' });
    expect(
      await fetchSiteExperiments('http://s', 'demo', answer({ schema: 1, experiments: [SPEC] })),
    ).toEqual([SPEC]);
  });
});
