import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answer, RecommendedItem } from '../../worker/protocol';
import { judgeTurn, readDialogues } from './dialogue-set';

const card = (title: string, price: number): RecommendedItem => ({
  id: title,
  title,
  price,
  score: 1,
  reason: '',
  basis: 'search',
});
const answer = (rule: string, intent: string | null, items: RecommendedItem[] = []): Answer => ({
  id: 'a',
  text: '',
  intent: { intent, top: intent ?? '', confidence: 0.9, threshold: 0.45, alternatives: [], inferenceMs: 0 },
  decision: { rule, variant: 'found', intent, confidence: 0.9 },
  quickReplies: [],
  ...(items.length
    ? {
        recommendations: {
          items,
          source: 'popularity',
          basis: 'search',
          modelVersion: 'v',
          currency: 'GBP',
          inferenceMs: 0,
        },
      }
    : {}),
});

describe('dialogue set', () => {
  it('has at least 30 dialogues, each expecting only intents the shipped model knows', () => {
    const dialogues = readDialogues();
    expect(dialogues.length).toBeGreaterThanOrEqual(30);
    const labels = new Set(
      (
        JSON.parse(readFileSync('models/artifacts/manifest.json', 'utf8')) as {
          models: { intent: { labels: string[] } };
        }
      ).models.intent.labels,
    );
    for (const d of dialogues)
      for (const t of d.turns) if (t.expect.intent) expect(labels).toContain(t.expect.intent);
  });

  it('judges a turn by every expectation it states', () => {
    expect(judgeTurn({ intent: 'track_order' }, answer('default-variant', 'track_order'), null)).toEqual([]);
    expect(judgeTurn({ intent: 'track_order' }, answer('clarify', null), null)).toEqual([
      'intent null ≠ track_order',
    ]);
    const xmas = answer('product-search', null, [card('Christmas Star', 1), card('Christmas Tree', 3)]);
    expect(judgeTurn({ rule: 'product-search', cards: 'christmas', maxPrice: 3 }, xmas, null)).toEqual([]);
    expect(judgeTurn({ maxPrice: 2 }, xmas, null)).toEqual(['a card over 2']);
    expect(judgeTurn({ cheaper: true }, xmas, [1, 2, 3])).toEqual(['a card not cheaper']);
    expect(judgeTurn({ cheaper: true }, xmas, [4, 6])).toEqual([]);
    expect(judgeTurn({ cards: 'mug' }, answer('faq', null), null)).toEqual(['no cards']);
    expect(judgeTurn({ noCards: 'tree' }, xmas, null)).toEqual(['a card with "tree"']);
  });
});
