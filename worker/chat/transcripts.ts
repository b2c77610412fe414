/**
 * The encrypted chat transcript. Each message is validated, serialized to JSON and sealed under the
 * transcript key with its own id as additional data; only the id and the time stay in clear, for
 * ordering and retention. Reading never fails as a whole: a record that cannot be opened is counted.
 */

import type { ChatMessage, Decision, DialogueContext } from '../protocol';
import { safeHandoff, ValidationError } from '../protocol';
import type { SealedMessage, Store } from '../storage';
import { seal, unseal } from '../storage';

/** Longest message text kept, in UTF-16 code units (what `String#length` counts). */
export const MAX_MESSAGE_TEXT = 4000;
/** Message ids: what `crypto.randomUUID()` and similar generators produce. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
/** Longest string inside a decision (rule, variant, intent names). */
const MAX_DECISION_FIELD = 64;

/** The transcript as read back: messages oldest first and how many records could not be read. */
export interface TranscriptRead {
  readonly messages: ChatMessage[];
  /** Records that failed to decrypt or did not hold a valid message. */
  readonly unreadable: number;
}

/**
 * Checks a chat message and returns a copy holding only the known fields, so nothing the caller
 * attached by mistake ends up sealed. Throws `ValidationError` naming the field.
 */
export function validateChatMessage(input: unknown): ChatMessage {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('message must be an object');
  }
  const m = input as Record<string, unknown>;
  if (typeof m.id !== 'string' || !ID_PATTERN.test(m.id)) {
    throw invalid('message.id must be 1-64 of [A-Za-z0-9_-]');
  }
  if (m.role !== 'visitor' && m.role !== 'assistant') {
    throw invalid('message.role must be "visitor" or "assistant"');
  }
  if (typeof m.text !== 'string' || m.text.length === 0 || m.text.length > MAX_MESSAGE_TEXT) {
    throw invalid(`message.text must be a string of 1-${MAX_MESSAGE_TEXT} characters`);
  }
  if (typeof m.at !== 'number' || !Number.isFinite(m.at) || m.at < 0) {
    throw invalid('message.at must be a finite, non-negative epoch time in ms');
  }
  const base = { id: m.id, role: m.role, text: m.text, at: m.at } as const;
  if (
    m.decision === undefined &&
    m.handoff === undefined &&
    m.link === undefined &&
    m.context === undefined
  ) {
    return base;
  }
  if (m.role !== 'assistant')
    throw invalid('message.decision, handoff, link and context are only allowed on assistant messages');
  const link = (field: 'handoff' | 'link') => {
    if (m[field] === undefined) return undefined;
    const safe = safeHandoff(m[field]);
    if (!safe) throw invalid(`message.${field} must be {label, href} with an https, mailto or loopback link`);
    return safe;
  };
  const handoff = link('handoff');
  const own = link('link');
  return {
    ...base,
    ...(m.decision === undefined ? {} : { decision: validateDecision(m.decision) }),
    ...(handoff ? { handoff } : {}),
    ...(own ? { link: own } : {}),
    ...(m.context === undefined ? {} : { context: validateContext(m.context) }),
  };
}

/** Bounds of a kept dialogue context: a search's cards, words and options, short strings. */
const CONTEXT_LIMITS = { items: 12, words: 12, text: 300 } as const;

function validateContext(input: unknown): DialogueContext {
  const fail = (why: string): never => {
    throw invalid(`message.context${why}`);
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) fail(' must be an object');
  const c = input as Record<string, unknown>;
  const short = (x: unknown, max: number = MAX_DECISION_FIELD) =>
    typeof x === 'string' && x.length > 0 && x.length <= max;
  const list = (x: unknown, max: number, ok: (v: unknown) => boolean) =>
    Array.isArray(x) && x.length <= max && x.every(ok);
  const out: Record<string, unknown> = {};
  if (c.shown !== undefined) {
    const s = c.shown as Record<string, unknown>;
    const price = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    if (
      typeof s !== 'object' ||
      s === null ||
      !list(s.ids, CONTEXT_LIMITS.items, (v) => short(v)) ||
      !list(s.prices, CONTEXT_LIMITS.items, price) ||
      !list(s.terms, CONTEXT_LIMITS.words, (v) => short(v))
    ) {
      fail('.shown must hold ids, prices and terms');
    }
    out.shown = { ids: s.ids, prices: s.prices, terms: s.terms };
  }
  if (c.focus !== undefined) {
    const f = c.focus as Record<string, unknown>;
    if (typeof f !== 'object' || f === null || !short(f.id) || !short(f.title, CONTEXT_LIMITS.text)) {
      fail('.focus must be {id, title}');
    }
    out.focus = { id: f.id, title: f.title };
  }
  if (c.intent !== undefined) {
    if (!short(c.intent)) fail('.intent must be an intent name');
    out.intent = c.intent;
  }
  if (c.clarify !== undefined) {
    const q = c.clarify as Record<string, unknown>;
    if (
      typeof q !== 'object' ||
      q === null ||
      !list(q.options, 5, (v) => short(v)) ||
      !short(q.text, MAX_MESSAGE_TEXT)
    ) {
      fail('.clarify must be {options, text}');
    }
    out.clarify = { options: q.options, text: q.text };
  }
  if (c.failures !== undefined) {
    if (!Number.isInteger(c.failures) || (c.failures as number) < 0 || (c.failures as number) > 1000)
      fail('.failures must be a count');
    out.failures = c.failures;
  }
  return out as DialogueContext;
}

function validateDecision(input: unknown): Decision {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('message.decision must be an object');
  }
  const d = input as Record<string, unknown>;
  const name = (x: unknown) => typeof x === 'string' && x.length > 0 && x.length <= MAX_DECISION_FIELD;
  if (!name(d.rule)) throw invalid(`message.decision.rule must be 1-${MAX_DECISION_FIELD} characters`);
  if (!name(d.variant)) throw invalid(`message.decision.variant must be 1-${MAX_DECISION_FIELD} characters`);
  if (d.intent !== null && !name(d.intent)) {
    throw invalid(`message.decision.intent must be null or 1-${MAX_DECISION_FIELD} characters`);
  }
  if (typeof d.confidence !== 'number' || !(d.confidence >= 0 && d.confidence <= 1)) {
    throw invalid('message.decision.confidence must be a number in [0, 1]');
  }
  return {
    rule: d.rule as string,
    variant: d.variant as string,
    intent: d.intent as string | null,
    confidence: d.confidence,
  };
}

// Per store: the clear `at` of the last record appended in this worker, and the tail of the chain of
// appends. A question and its answer are often stamped in the same millisecond, and equal `at`s would
// come back in id order; nudging each record just past the previous one keeps the order of appends.
const tails = new WeakMap<Store, { lastAt: number; done: Promise<void> }>();

/** Nudge that keeps clear record times strictly increasing; far below anything retention measures. */
const NUDGE_MS = 0.001;

/**
 * Validates and seals `message` and adds it to the store. Appends to one store are kept in call
 * order, and read back in that order even when their times are equal.
 */
export async function appendMessage(store: Store, key: CryptoKey, message: ChatMessage): Promise<void> {
  const clean = validateChatMessage(message);
  const tail = tails.get(store) ?? { lastAt: Number.NEGATIVE_INFINITY, done: Promise.resolve() };
  const at = Math.max(clean.at, tail.lastAt + NUDGE_MS);
  const done = tail.done
    .catch(() => {})
    .then(async () => {
      const { iv, data } = await seal(key, clean.id, JSON.stringify(clean));
      await store.addMessage({ id: clean.id, at, iv, data });
    });
  // Registered before the first await, so a concurrent append already queues behind this one.
  tails.set(store, { lastAt: at, done });
  await done;
}

/**
 * Opens every record, oldest first. A record that fails to decrypt, is not valid JSON, is not a valid
 * message, or names another id than its record is counted in `unreadable` and skipped, so one
 * corrupted record never costs the rest of the conversation.
 */
export async function readTranscript(store: Store, key: CryptoKey): Promise<TranscriptRead> {
  return openRecords(await store.messages(), key);
}

/** Like {@link readTranscript}, for the newest `limit` records only. */
export async function readRecent(store: Store, key: CryptoKey, limit: number): Promise<TranscriptRead> {
  return openRecords(await store.lastMessages(limit), key);
}

async function openRecords(records: readonly SealedMessage[], key: CryptoKey): Promise<TranscriptRead> {
  const opened = await Promise.all(
    records.map(async (record): Promise<ChatMessage | null> => {
      try {
        const message = validateChatMessage(JSON.parse(await unseal(key, record.id, record)));
        return message.id === record.id ? message : null;
      } catch {
        return null;
      }
    }),
  );
  const messages = opened.filter((m): m is ChatMessage => m !== null);
  return { messages, unreadable: records.length - messages.length };
}

function invalid(message: string): ValidationError {
  return new ValidationError('invalid_argument', message);
}
