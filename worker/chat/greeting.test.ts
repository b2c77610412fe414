import { describe, expect, it } from 'vitest';
import type { Profile, Segment } from '../protocol';
import { chooseGreeting } from './greeting';
import { resolveTemplates } from './templates';

const segment = (name: string, confidence: number, source: Segment['source'] = 'model'): Segment => ({
  id: 1,
  key: 'regular',
  name,
  description: '',
  confidence,
  source,
  reason: '',
});
const profile = (title?: string) =>
  ({ lastViewed: title ? { id: 'x', title } : undefined }) as unknown as Profile;
const site = resolveTemplates(
  { greeting: { default: 'Hello there!', segments: { loyal: 'Welcome back, {{segment}} shopper!' } } },
  null,
);

describe('greeting', () => {
  it('uses the site variant for a confident segment, and records the rule', () => {
    const g = chooseGreeting({ templates: site, segment: segment('loyal', 0.9), profile: profile('Mug') });
    expect(g.text).toBe('Welcome back, loyal shopper!');
    expect(g.decision).toMatchObject({ rule: 'greeting-segment', variant: 'loyal', intent: 'greeting' });
  });

  it('falls back to the last viewed item, then to the default', () => {
    const unsure = chooseGreeting({
      templates: site,
      segment: segment('loyal', 0.3),
      profile: profile('Red mug'),
    });
    expect(unsure.decision.rule).toBe('greeting-last-viewed');
    expect(unsure.text).toContain('Red mug');
    const nothing = chooseGreeting({ templates: site, segment: null, profile: null });
    expect(nothing).toMatchObject({ text: 'Hello there!', decision: { rule: 'greeting-default' } });
    expect(nothing.quickReplies.length).toBeGreaterThan(0);
  });

  it('avoids a variant the visitor disliked', () => {
    const g = chooseGreeting({
      templates: site,
      segment: segment('loyal', 0.9),
      profile: profile(),
      penalty: (v) => (v === 'loyal' ? 1 : 0),
    });
    expect(g.decision.rule).toBe('greeting-default');
  });

  it('has a built-in default and rejects a bad site greeting', () => {
    const defaults = resolveTemplates(undefined, null);
    expect(chooseGreeting({ templates: defaults, segment: null, profile: null }).text).toMatch(/^Hi!/);
    expect(() => resolveTemplates({ greeting: { default: '' } }, null)).toThrow(/templates.greeting.default/);
  });
});
