import { describe, expect, it } from 'vitest';
import { handoffHref } from './escalation-offer';

describe('handoffHref', () => {
  it('puts the summary into a mailto body, keeping a subject the site set', () => {
    expect(handoffHref('mailto:help@shop.example', 'Chat', 'Me: hi & bye\nok')).toBe(
      'mailto:help@shop.example?subject=Chat&body=Me%3A%20hi%20%26%20bye%0Aok',
    );
    expect(handoffHref('mailto:help@shop.example?subject=Order%20help', 'Chat', 'x')).toBe(
      'mailto:help@shop.example?subject=Order%20help&body=x',
    );
  });

  it('leaves a web handoff as it is', () => {
    expect(handoffHref('https://shop.example/contact', 'Chat', 'x')).toBe('https://shop.example/contact');
  });
});
