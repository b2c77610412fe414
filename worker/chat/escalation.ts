/**
 * Escalation: when the chat is not helping (two failed turns in a row, or a thumbs-down), the visitor
 * is offered a person with a summary of the conversation to send. The summary is built from the
 * messages as kept (redacted on arrival), the last few only, so it stays short enough to read and edit.
 */
import type { ChatMessage, Escalation, Handoff } from '../protocol';

/** Rules whose answer did not help: out of scope, or a question back. */
const FAILED_RULES = new Set(['handoff-oos', 'clarify']);

/** Failed turns in a row after which a person is offered. */
export const ESCALATE_AFTER = 2;

/** Messages the summary holds at most, and characters per message. */
export const SUMMARY_MESSAGES = 8;
const MESSAGE_CHARS = 200;

/** Whether an answer chosen by `rule` counts as a failed turn. */
export function failedTurn(rule: string): boolean {
  return FAILED_RULES.has(rule);
}

/** A plain-text summary of the conversation's last messages. */
export function conversationSummary(messages: readonly ChatMessage[]): string {
  const lines = messages.slice(-SUMMARY_MESSAGES).map((m) => {
    const text = m.text.replace(/\s+/g, ' ').trim();
    const cut = text.length > MESSAGE_CHARS ? `${text.slice(0, MESSAGE_CHARS - 1)}…` : text;
    return `${m.role === 'visitor' ? 'Me' : 'Assistant'}: ${cut}`;
  });
  return ['Summary of my chat with the shop assistant:', ...lines].join('\n');
}

/** The offer, or null when the site gave no way to reach a person. */
export function escalation(
  reason: Escalation['reason'],
  messages: readonly ChatMessage[],
  handoff: Handoff | undefined,
): Escalation | null {
  return handoff ? { reason, summary: conversationSummary(messages), handoff } : null;
}
