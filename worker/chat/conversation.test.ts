import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../models/features';
import type { IntentResult } from '../protocol';
import { createCatalogSearch } from './catalog-search';
import { contextualText, pickedOption, planSearch, type TurnContext, topicIntent } from './conversation';
import { type DialogueState, emptyDialogue, nextTurn, remember } from './dialogue-state';
import { readCues } from './turn-cues';

const catalog: Catalog = {
  currency: 'GBP',
  items: [
    { id: '1', title: 'Party Bunting', price: 4.95 },
    { id: '2', title: 'Vintage Christmas Bunting', price: 4.95 },
    { id: '3', title: 'Christmas Star Wooden', price: 0.85 },
    { id: '4', title: 'Christmas Tree Decoration', price: 2.5 },
    { id: '5', title: 'Blue Polkadot Cup', price: 0.85 },
  ],
};
const search = createCatalogSearch(catalog);
const result = (intent: string | null, alternatives: [string, number][], confidence = 0.3): IntentResult => ({
  intent,
  top: alternatives[0]?.[0] ?? '',
  confidence,
  threshold: 0.45,
  alternatives: alternatives.map(([i, p]) => ({ intent: i, p })),
  inferenceMs: 0,
});
const turn = (text: string, state: DialogueState, intent = result(null, [])): TurnContext => ({
  text,
  cues: readCues(text, search.colours),
  state,
  intent,
  preferences: { like: [], avoid: [] },
});
/** The state after a turn that answered `intent` (and showed `plan`'s cards). */
function afterTurn(text: string, intent: IntentResult, state = nextTurn(emptyDialogue())): DialogueState {
  const c = turn(text, state, intent);
  const plan = planSearch(search, c);
  return nextTurn(remember(state, { text, intent, cues: c.cues, plan, clarified: false }));
}

describe('a turn in its conversation', () => {
  it('asks the catalog for products, narrows and cheapens what was shown', () => {
    const s0 = nextTurn(emptyDialogue());
    const found = planSearch(search, turn('anything for christmas?', s0));
    expect(found?.mode).toBe('found');
    expect(found?.hits.map((h) => h.item.id)).toEqual(['2', '3', '4']);
    const s1 = afterTurn('anything for christmas?', result(null, []));
    const cheaper = planSearch(search, turn('cheaper ones?', s1));
    // Every Christmas item was shown already: it says so and offers popular items below their median.
    expect(cheaper?.mode).toBe('noneCheaper');
    expect(cheaper?.hits.map((h) => h.item.id)).toEqual(['5']);
    const s2 = afterTurn('bunting please', result(null, []));
    expect(planSearch(search, turn('what about a cheaper one', s2))?.mode).toBe('noneCheaper');
    expect(
      planSearch(search, turn('how long does delivery take', s0, result('delivery_period', [], 0.97))),
    ).toBeNull();
  });

  it('says when only part of what was asked exists, and when nothing does', () => {
    const s0 = nextTurn(emptyDialogue());
    const partial = planSearch(search, turn('do you have christmas gnomes?', s0));
    expect(partial).toMatchObject({ mode: 'partial', missing: ['gnome'] });
    expect(planSearch(search, turn('do you have any unicorns?', s0))?.mode).toBe('none');
    // Out of scope and mostly not product words: chit-chat, not a product request.
    expect(planSearch(search, turn('who won the football on christmas eve last night', s0))).toBeNull();
    expect(planSearch(search, turn('bunting?', s0))?.mode).toBe('found');
  });

  it('finds items like a named one, of the same kind first (the demo catalog)', () => {
    const shop = createCatalogSearch(
      JSON.parse(readFileSync('models/artifacts/catalog.json', 'utf8')) as Catalog,
    );
    const c = { ...turn('something like the spaceboy apron', nextTurn(emptyDialogue())) };
    const like = planSearch(shop, { ...c, cues: readCues(c.text, shop.colours) });
    expect(like?.mode).toBe('similar');
    expect(like?.like?.title.toLowerCase()).toContain('apron');
    const titles = like?.hits.map((h) => h.item.title.toLowerCase()) ?? [];
    // Every other apron comes before any other spaceboy item.
    const firstOther = titles.findIndex((t) => !t.includes('apron'));
    expect(titles.slice(0, Math.max(firstOther, 1)).every((t) => t.includes('apron'))).toBe(true);
    expect(titles.filter((t) => t.includes('apron')).length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the topic of the previous intent for a follow-up, and for an unclear message', () => {
    const s = afterTurn('how do I get my money back', result('get_refund', [['get_refund', 0.9]], 0.9));
    const followUp = turn(
      'and how long does that take?',
      s,
      result(
        'delivery_period',
        [
          ['delivery_period', 0.53],
          ['track_refund', 0.07],
        ],
        0.53,
      ),
    );
    expect(topicIntent(followUp)).toBe('track_refund');
    const unclear = turn(
      'when will I get the money',
      s,
      result(null, [
        ['track_refund', 0.32],
        ['delivery_period', 0.25],
      ]),
    );
    expect(topicIntent(unclear)).toBe('track_refund');
    const unrelated = turn("what's the weather", s, result(null, [['complaint', 0.06]]));
    expect(topicIntent(unrelated)).toBeNull();
    const standsAlone = turn('where is my parcel', s, result('track_order', [['track_order', 0.99]], 0.99));
    expect(topicIntent(standsAlone)).toBeNull();
  });

  it('reads a reply to a clarifying question by the option it names, or with the question', () => {
    const s0 = nextTurn(emptyDialogue());
    const asked = result(
      null,
      [
        ['switch_account', 0.37],
        ['create_account', 0.24],
        ['delete_account', 0.18],
      ],
      0.37,
    );
    const s = nextTurn(
      remember(s0, {
        text: 'account stuff',
        intent: asked,
        cues: readCues('x', search.colours),
        plan: null,
        clarified: true,
      }),
    );
    expect(pickedOption('the second one', s)).toBe('create_account');
    expect(pickedOption('deleting it', s)).toBe('delete_account');
    expect(pickedOption('tracking it', s)).toBeNull();
    expect(pickedOption('hmm', s)).toBeNull();
    expect(contextualText(turn('I want to close it', s))).toBe('account stuff I want to close it');
    expect(pickedOption('the second one', nextTurn(s))).toBeNull();
  });
});
