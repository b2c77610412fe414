/**
 * Where the conversation is kept: the encrypted transcript with `personalize` (transcripts.ts), this
 * worker's memory without it, or when the disk is full. `store()` is asked each time, so granting
 * consent later moves the session's messages into the transcript (`persist`).
 */
import type { ChatMessage } from '../protocol';
import { isQuotaError, type Store, transcriptKey } from '../storage';
import { appendMessage, readRecent, readTranscript } from './transcripts';

/** The conversation's messages, wherever they are kept. */
export interface ConversationLog {
  keep(message: ChatMessage): Promise<void>;
  /** Every message, oldest first. */
  all(): Promise<ChatMessage[]>;
  /** The newest `limit` messages, oldest first, without opening the rest. */
  recent(limit: number): Promise<ChatMessage[]>;
  /** Moves the session-only messages into the transcript once there is a store. */
  persist(): Promise<void>;
}

/** Creates the log over the store `store()` returns (null: memory only). */
export function createConversationLog(store: () => Store | null): ConversationLog {
  const memory: ChatMessage[] = [];
  /** The kept messages with the session-only ones, in time order. */
  const withMemory = (kept: ChatMessage[]): ChatMessage[] =>
    memory.length ? [...kept, ...memory].sort((a, b) => a.at - b.at) : kept;
  return {
    async keep(message) {
      const s = store();
      if (!s) {
        memory.push(message);
        return;
      }
      try {
        await appendMessage(s, await transcriptKey(s), message);
      } catch (e) {
        // A full disk must not cost the visitor the answer: this message lives for the session only.
        if (!isQuotaError(e)) throw e;
        memory.push(message);
      }
    },
    async all() {
      const s = store();
      return withMemory(s ? (await readTranscript(s, await transcriptKey(s))).messages : []);
    },
    async recent(limit) {
      const s = store();
      const kept = s ? (await readRecent(s, await transcriptKey(s), limit)).messages : [];
      return withMemory(kept).slice(-limit);
    },
    async persist() {
      const s = store();
      if (!s || memory.length === 0) return;
      const key = await transcriptKey(s);
      // The conversation held before consent becomes part of the kept one, in order.
      while (memory.length > 0) {
        await appendMessage(s, key, memory[0] as ChatMessage);
        memory.shift();
      }
    },
  };
}
