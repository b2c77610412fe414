import { describe, expect, it } from 'vitest';
import type { IntentResult } from '../protocol';
import type { SearchPlan } from './catalog-search';
import {
  alive,
  contextOf,
  emptyDialogue,
  fromContext,
  LIFETIME,
  nextTurn,
  RESUME_MS,
  remember,
  resumeDialogue,
} from './dialogue-state';
import { readCues } from './turn-cues';

const intent = (name: string | null, alternatives: string[] = []): IntentResult => ({
  intent: name,
  top: name ?? alternatives[0] ?? '',
  confidence: name ? 0.9 : 0.3,
  threshold: 0.45,
  alternatives: alternatives.map((a, i) => ({ intent: a, p: 0.3 - i * 0.1 })),
  inferenceMs: 0,
});
const plan: SearchPlan = {
  mode: 'found',
  terms: ['christmas'],
  hits: [
    { item: { id: 'a', title: 'Christmas Star', price: 1 }, score: 1, matched: ['christmas'] },
    { item: { id: 'b', title: 'Christmas Tree', price: 3 }, score: 1, matched: ['christmas'] },
  ],
};
const cues = (t: string) => readCues(t, new Set(['blue']));

describe('dialogue state', () => {
  it('remembers what a turn said, asked, named and showed', () => {
    let s = nextTurn(emptyDialogue());
    s = remember(s, {
      text: 'anything for christmas under £5?',
      intent: intent(null),
      cues: cues('under £5'),
      plan,
      clarified: false,
    });
    expect(s.shown).toEqual({ ids: ['a', 'b'], prices: [1, 3], terms: ['christmas'], turn: 1 });
    expect(s.focus?.value).toEqual({ id: 'a', title: 'Christmas Star' });
    expect(s.slots.maxPrice).toEqual({ value: 5, turn: 1 });
    expect(s.lastText?.value).toBe('anything for christmas under £5?');
    expect(s.lastIntent).toBeUndefined();
  });

  it('keeps a clarifying question for one turn and its options from the intent’s alternatives', () => {
    let s = nextTurn(emptyDialogue());
    s = remember(s, {
      text: 'account stuff',
      intent: intent(null, ['switch_account', 'create_account', 'delete_account']),
      cues: cues('x'),
      plan: null,
      clarified: true,
    });
    expect(s.clarify?.value.options).toEqual(['switch_account', 'create_account', 'delete_account']);
    s = nextTurn(s);
    expect(s.clarify).toBeDefined();
    s = remember(s, {
      text: 'close it',
      intent: intent('delete_account'),
      cues: cues('x'),
      plan: null,
      clarified: false,
    });
    expect(s.clarify).toBeUndefined();
    expect(s.lastIntent?.value).toBe('delete_account');
  });

  it('drops each part when its lifetime is over', () => {
    let s = nextTurn(emptyDialogue());
    s = remember(s, {
      text: 'blue under £5',
      intent: intent('place_order'),
      cues: cues('blue things under £5'),
      plan,
      clarified: false,
    });
    for (let i = 0; i < LIFETIME.shown; i++) s = nextTurn(s);
    expect(s.shown).toBeDefined();
    expect(s.slots.colour?.value).toBe('blue');
    expect(s.lastText).toBeUndefined();
    s = nextTurn(s);
    expect(s.shown).toBeUndefined();
    expect(s.slots).toEqual({});
    expect(s.lastIntent).toBeUndefined();
    expect(s.focus).toBeDefined();
    s = nextTurn(s);
    expect(s.focus).toBeUndefined();
    expect(alive(s, { turn: s.turn }, 0)).toBeDefined();
  });
});

describe('dialogue state kept with the transcript', () => {
  it('round-trips through the context a message keeps, and resumes only a recent conversation', () => {
    let s = nextTurn(emptyDialogue());
    s = remember(s, {
      text: 'anything for christmas?',
      intent: intent(null),
      cues: cues('x'),
      plan,
      clarified: false,
    });
    const context = contextOf(s);
    expect(context).toEqual({
      shown: { ids: ['a', 'b'], prices: [1, 3], terms: ['christmas'] },
      focus: { id: 'a', title: 'Christmas Star' },
    });
    const messages = [
      { id: 'v', role: 'visitor' as const, text: 'anything for christmas?', at: 1000 },
      { id: 'a', role: 'assistant' as const, text: 'Here…', at: 1001, context },
    ];
    const resumed = resumeDialogue(messages, 1001 + RESUME_MS - 1);
    expect(resumed?.shown?.ids).toEqual(['a', 'b']);
    expect(resumed?.lastText?.value).toBe('anything for christmas?');
    // On the next turn the cards are still there to be "cheaper" than.
    expect(nextTurn(resumed as NonNullable<typeof resumed>).shown).toBeDefined();
    expect(resumeDialogue(messages, 1001 + RESUME_MS + 1)).toBeNull();
    expect(resumeDialogue([messages[0] as (typeof messages)[0]], 2000)).toBeNull();
    expect(fromContext({}).failures).toBe(0);
  });
});
