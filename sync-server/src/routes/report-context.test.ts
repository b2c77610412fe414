import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { servedModelLoader } from './report-context';

const dir = await mkdtemp(join(tmpdir(), 'confide-served-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const manifest = (version: string, intents: number) =>
  JSON.stringify({
    version,
    models: { intent: { labels: Array.from({ length: intents }, (_, i) => `i${i}`) } },
  });

describe('servedModelLoader', () => {
  it('re-reads a changed manifest once the recheck interval has passed, not on every batch', async () => {
    const file = join(dir, 'manifest.json');
    await writeFile(file, manifest('v1', 3));
    let clock = 0;
    const load = servedModelLoader(dir, 1000, () => clock);
    expect(await load()).toEqual({ version: 'v1', intents: 3 });
    // A retrain lands (another size, so the stamp differs even within one mtime tick).
    await writeFile(file, manifest('v2-retrained', 12));
    clock = 999;
    expect((await load())?.version).toBe('v1');
    clock = 1000;
    expect(await load()).toEqual({ version: 'v2-retrained', intents: 12 });
  });

  it('serves nothing while the manifest is missing or half-written, and recovers', async () => {
    const sub = join(dir, 'other');
    let clock = 0;
    const load = servedModelLoader(sub, 1000, () => clock);
    expect(await load()).toBeUndefined();
    await mkdir(sub);
    await writeFile(join(sub, 'manifest.json'), '{"version": "v3", "mod');
    clock += 5;
    expect(await load()).toBeUndefined();
    await writeFile(join(sub, 'manifest.json'), manifest('v3', 2));
    clock += 5;
    expect((await load())?.version).toBe('v3');
  });
});
