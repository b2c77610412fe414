import { afterEach, describe, expect, it } from 'vitest';
import { fetchFaqBundle } from './faq-fetch';

// Node's fetch stands in for the frame's where a response must be shaped (a 404, bad JSON); the real
// cross-origin fetch from the frame is exercised in test/e2e/chat-understanding.spec.ts.
const saved = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = saved;
});

describe('fetchFaqBundle', () => {
  it('returns the parsed file with the URL it came from, without cookies', async () => {
    let init: RequestInit | undefined;
    globalThis.fetch = async (_input, i) => {
      init = i;
      return new Response('{"format":"confide-faq/1","entries":[]}', { status: 200 });
    };
    const warnings: string[] = [];
    const r = await fetchFaqBundle('https://shop.example/faq.confide.json', (m) => warnings.push(m));
    expect(r).toEqual({
      url: 'https://shop.example/faq.confide.json',
      bundle: { format: 'confide-faq/1', entries: [] },
    });
    expect(init).toMatchObject({ credentials: 'omit', mode: 'cors' });
    expect(warnings).toEqual([]);
  });

  it('warns and gives up on a missing file, bad JSON or a network failure', async () => {
    const warnings: string[] = [];
    const warn = (m: string) => warnings.push(m);
    globalThis.fetch = async () => new Response('nope', { status: 404 });
    expect(await fetchFaqBundle('https://shop.example/a.json', warn)).toBeUndefined();
    globalThis.fetch = async () => new Response('{bad', { status: 200 });
    expect(await fetchFaqBundle('https://shop.example/b.json', warn)).toBeUndefined();
    globalThis.fetch = saved;
    expect(await fetchFaqBundle('http://127.0.0.1:9/c.json', warn)).toBeUndefined();
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/a\.json not loaded.*HTTP 404/);
  });
});
