/**
 * Runs the scripted dialogues through the real engine in Node: the committed models served by the
 * real sync server app in process, the demo shop's templates and FAQ bundle, no consent (so nothing
 * is stored, as for a visitor who has not opted in), a fresh engine per dialogue.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { DEMO_TEMPLATES } from '../../demo/answers';
import { serveArtifacts } from '../../test/support/model-artifacts';
import { createEngine } from '../../worker/engine';
import type { TemplateConfig, WorkerConfig } from '../../worker/protocol';
import { type Dialogue, judgeTurn } from './dialogue-set';

/** One turn's outcome. */
export interface TurnOutcome {
  readonly dialogue: string;
  readonly say: string;
  readonly rule: string;
  readonly intent: string | null;
  readonly misses: readonly string[];
  readonly ms: number;
}

const SHOP = 'https://shop.example';

/** The demo's `confide('init')` options as the page makes them: paths become URLs on its origin. */
function demoConfig(serverUrl: string): WorkerConfig {
  const absolute = (x: unknown) =>
    JSON.parse(JSON.stringify(x).replaceAll('"href":"/', `"href":"${SHOP}/`)) as TemplateConfig;
  const bundle = JSON.parse(readFileSync(new URL('../../demo/faq.confide.json', import.meta.url), 'utf8'));
  return {
    site: 'demo',
    serverUrl,
    notice: 'v1',
    gpc: false,
    templates: absolute(DEMO_TEMPLATES),
    faq: { url: `${SHOP}/faq.confide.json`, bundle },
    handoff: { label: 'Email our team', href: 'mailto:help@shop.example' },
  };
}

/** Every turn of every dialogue, in order. */
export async function runDialogues(dialogues: readonly Dialogue[]): Promise<TurnOutcome[]> {
  const served = await serveArtifacts();
  const out: TurnOutcome[] = [];
  try {
    for (const d of dialogues) {
      const engine = createEngine();
      await engine.init(demoConfig(served.serverUrl));
      let previous: number[] | null = null;
      for (const t of d.turns) {
        const t0 = performance.now();
        const a = await engine.answer(t.say);
        const ms = performance.now() - t0;
        out.push({
          dialogue: d.id,
          say: t.say,
          rule: a.decision.rule,
          intent: a.decision.intent,
          misses: judgeTurn(t.expect, a, previous),
          ms,
        });
        if (a.recommendations?.basis === 'search') previous = a.recommendations.items.map((i) => i.price);
      }
      await engine.forget();
    }
  } finally {
    await served.close();
  }
  return out;
}
