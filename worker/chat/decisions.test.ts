/** The decision rules, one by one, on small hand-made templates so every expected text is exact. */
import { describe, expect, it } from 'vitest';
import type { IntentAnswers } from '../../models/features';
import { emptyStats } from '../personalization';
import type { Handoff, IntentResult, Profile, Segment, TemplateConfig } from '../protocol';
import { ValidationError } from '../protocol';
import {
  type DecisionInput,
  decide,
  INTENT_LABELS,
  intentLabel,
  NEAR_THRESHOLD_SHARE,
  RECOMMENDING_INTENTS,
} from './decisions';
import { DEFAULT_TEXTS, resolveTemplates } from './templates';

const answers: IntentAnswers = {
  format: 'confide-intent-answers/2',
  license: { name: 'CDLA-Sharing-1.0', notice: 'test notice' },
  selection: 'test',
  intents: Object.fromEntries(
    ['track_order', 'place_order', 'contact_human_agent', 'check_refund_policy', 'get_refund'].map((i) => [
      i,
      { answers: [`Default for ${i} at {{Website Name}}.`], slots: ['{{Website Name}}'] },
    ]),
  ),
};
const site: TemplateConfig = {
  intents: {
    track_order: {
      segments: { Regulars: 'Welcome back! Your {{last_viewed}} is on its way.' },
      quickReplies: ['Delivery options'],
    },
  },
  slots: { 'Website Name': 'Acme' },
};
const templates = resolveTemplates(site, answers);
const handoff: Handoff = { label: 'Chat with us', href: 'https://example.com/help' };
const THRESHOLD = 0.3;

const result = (intent: string | null, confidence: number, top = intent ?? 'track_order'): IntentResult => ({
  intent,
  top,
  confidence,
  threshold: THRESHOLD,
  alternatives: [
    { intent: top, p: confidence },
    { intent: 'get_refund', p: 0.1 },
    { intent: 'check_refund_policy', p: 0.05 },
  ],
  inferenceMs: 1,
});
const segment = (confidence = 0.9, name = 'Regulars'): Segment => ({
  id: 1,
  key: 'regular',
  name,
  description: 'd',
  confidence,
  source: 'model',
  reason: 'r',
});
const stats = emptyStats();
const profile: Profile = {
  windows: { session: stats, d7: stats, d30: stats },
  rfm: { recencyDays: 3, tenureDays: 40, orders: 4, spend: 120 },
  affinities: [],
  context: { device: 'mobile', timeOfDay: 'evening', pageType: 'product' },
  lastViewed: { id: 'p1', title: 'Blue lamp' },
  events: 9,
  updatedAt: 0,
};
const input = (over: Partial<DecisionInput>): DecisionInput => ({
  intent: result('track_order', 0.9),
  segment: null,
  profile: null,
  templates,
  ...over,
});

describe('decide', () => {
  it('hands a request for a person to the handoff link', () => {
    const out = decide(input({ intent: result('contact_human_agent', 0.95), handoff }));
    expect(out).toEqual({
      text: DEFAULT_TEXTS.handoff,
      decision: { rule: 'handoff', variant: 'handoff', intent: 'contact_human_agent', confidence: 0.95 },
      handoff,
      quickReplies: [],
      wantsRecommendations: false,
    });
  });

  it('without a link, answers a request for a person with how to reach support', () => {
    const out = decide(input({ intent: result('contact_human_agent', 0.95) }));
    expect(out.text).toBe('Default for contact_human_agent at Acme.');
    expect(out.handoff).toBeUndefined();
    expect(out.decision.rule).toBe('handoff');
  });

  it('hands off a message far out of scope, or says honestly that it cannot help', () => {
    const far = result(null, THRESHOLD * NEAR_THRESHOLD_SHARE - 0.01);
    const withLink = decide(input({ intent: far, handoff }));
    expect(withLink.decision).toMatchObject({ rule: 'handoff-oos', variant: 'handoff', intent: null });
    expect(withLink.handoff).toEqual(handoff);
    expect(withLink.text).toBe(DEFAULT_TEXTS.handoff);
    const alone = decide(input({ intent: far }));
    expect(alone.text).toBe(DEFAULT_TEXTS.outOfScope);
    expect(alone.handoff).toBeUndefined();
    // Only intents the site's model knows are offered.
    expect(alone.quickReplies).toEqual(['Track my order', 'Refund policy', 'Talk to a person']);
    // The engine's stand-in when the model cannot run is out of scope at once.
    const none: IntentResult = {
      intent: null,
      top: '',
      confidence: 0,
      threshold: 1,
      alternatives: [],
      inferenceMs: 0,
    };
    expect(decide(input({ intent: none })).decision.rule).toBe('handoff-oos');
  });

  it('asks back near the threshold, offering the likeliest intents by name', () => {
    const near = result(null, THRESHOLD * NEAR_THRESHOLD_SHARE);
    const out = decide(input({ intent: near, handoff }));
    expect(out.decision).toEqual({
      rule: 'clarify',
      variant: 'clarify',
      intent: null,
      confidence: near.confidence,
    });
    expect(out.text).toBe(DEFAULT_TEXTS.clarify);
    expect(out.quickReplies).toEqual(['Track my order', 'Get a refund', 'Refund policy']);
    expect(out.handoff).toBeUndefined();
    expect(out.wantsRecommendations).toBe(false);
  });

  it("uses the segment's variant when the segment is confident and the visitor did not dislike it", () => {
    const out = decide(input({ segment: segment(), profile }));
    expect(out.decision).toEqual({
      rule: 'segment-variant',
      variant: 'Regulars',
      intent: 'track_order',
      confidence: 0.9,
    });
    expect(out.text).toBe('Welcome back! Your Blue lamp is on its way.');
    expect(out.quickReplies).toEqual(['Delivery options']);
    const mild = decide(input({ segment: segment(), profile, penalty: () => 0.4 }));
    expect(mild.decision.rule).toBe('segment-variant');
  });

  it('falls back to the default variant: unsure segment, disliked variant, no variant, no segment', () => {
    const expectDefault = (over: Partial<DecisionInput>) => {
      const out = decide(input(over));
      expect(out.decision).toMatchObject({ rule: 'default-variant', variant: 'default' });
      return out;
    };
    expect(expectDefault({ segment: segment(0.59) }).text).toBe('Default for track_order at Acme.');
    const asked: string[] = [];
    expectDefault({
      segment: segment(),
      penalty: (i, v) => {
        asked.push(`${i}/${v}`);
        return 1;
      },
    });
    expect(asked).toEqual(['track_order/Regulars']);
    expectDefault({ segment: segment(0.9, 'Bargain hunters') });
    expectDefault({ segment: null });
    // The site may lower the bar.
    const lenient = resolveTemplates({ ...site, minSegmentConfidence: 0.5 }, answers);
    expect(decide(input({ templates: lenient, segment: segment(0.59) })).decision.rule).toBe(
      'segment-variant',
    );
  });

  it('a segment variant whose slot cannot be filled loses that sentence, never shows the slot', () => {
    const out = decide(input({ segment: segment(), profile: null }));
    expect(out.text).toBe('Welcome back!');
  });

  it('wants recommendations only where the visitor is shopping', () => {
    expect([...RECOMMENDING_INTENTS]).toEqual(['place_order']);
    expect(decide(input({ intent: result('place_order', 0.8) })).wantsRecommendations).toBe(true);
    expect(decide(input({ intent: result('get_refund', 0.8) })).wantsRecommendations).toBe(false);
  });

  it('answers an accepted intent without a template with the generic answer', () => {
    const out = decide(input({ intent: result('gift_cards', 0.8) }));
    expect(out.text).toBe(DEFAULT_TEXTS.answer);
    expect(out.decision.rule).toBe('default-variant');
  });

  it('rejects malformed input', () => {
    const bad: Partial<IntentResult>[] = [
      { confidence: Number.NaN },
      { confidence: 1.2 },
      { threshold: -0.1 },
      { alternatives: 'x' as unknown as IntentResult['alternatives'] },
      { intent: 7 as unknown as string },
    ];
    for (const b of bad) {
      expect(() => decide(input({ intent: { ...result('track_order', 0.9), ...b } }))).toThrow(
        ValidationError,
      );
    }
    expect(() => decide(input({ intent: null as unknown as IntentResult }))).toThrow(ValidationError);
    for (const p of [2, -1, Number.NaN]) {
      expect(() => decide(input({ segment: segment(), penalty: () => p }))).toThrow(/penalty/);
    }
  });
});

describe('intentLabel', () => {
  it('has a label for every shipped intent and a readable fallback', () => {
    expect(Object.keys(INTENT_LABELS)).toHaveLength(27);
    expect(intentLabel('track_order')).toBe('Track my order');
    expect(intentLabel('gift_cards-balance')).toBe('Gift cards balance');
  });
});
