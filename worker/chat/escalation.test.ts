import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../protocol';
import { conversationSummary, escalation, failedTurn } from './escalation';

const msg = (role: ChatMessage['role'], text: string, i: number): ChatMessage => ({
  id: `m${i}`,
  role,
  text,
  at: i,
});

describe('escalation', () => {
  it('counts out-of-scope answers and questions back as failed turns, nothing else', () => {
    expect(['handoff-oos', 'clarify'].map(failedTurn)).toEqual([true, true]);
    expect(['default-variant', 'faq', 'product-search', 'handoff', 'handoff-language'].some(failedTurn)).toBe(
      false,
    );
  });

  it('summarizes the last eight messages, one line each, long ones cut', () => {
    const messages = Array.from({ length: 10 }, (_, i) =>
      msg(i % 2 ? 'assistant' : 'visitor', `line ${i}\n  next`, i),
    );
    messages.push(msg('visitor', 'x'.repeat(300), 10));
    const lines = conversationSummary(messages).split('\n');
    expect(lines[0]).toBe('Summary of my chat with the shop assistant:');
    expect(lines).toHaveLength(9);
    expect(lines[1]).toBe('Assistant: line 3 next');
    expect(lines[8]).toMatch(/^Me: x{199}…$/);
  });

  it('offers a person only where the site gave one', () => {
    const handoff = { label: 'Email us', href: 'mailto:help@shop.example' };
    expect(escalation('thumbs-down', [msg('visitor', 'hi', 0)], handoff)).toEqual({
      reason: 'thumbs-down',
      summary: 'Summary of my chat with the shop assistant:\nMe: hi',
      handoff,
    });
    expect(escalation('failed-turns', [], undefined)).toBeNull();
  });
});
