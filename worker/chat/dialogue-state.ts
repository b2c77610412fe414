/**
 * The dialogue state: what the conversation has established, so a follow-up is read against it.
 * Recent intents, the item in focus (named, viewed or recommended), the cards last shown (their
 * ids, prices and the words searched for), slots from messages (price bounds, colour, quantity,
 * order number) and a pending clarifying question. Everything has a lifetime in turns and is dropped
 * when it expires, so an old "under £5" does not filter a question asked ten messages later.
 */
import type { ChatMessage, DialogueContext, IntentResult } from '../protocol';
import type { SearchPlan } from './catalog-search';
import type { TurnCues } from './turn-cues';

/** A value and the turn it was set in. */
export interface Slot<T> {
  readonly value: T;
  readonly turn: number;
}

/** The cards an answer showed. */
export interface Shown {
  readonly ids: readonly string[];
  readonly prices: readonly number[];
  /** The words searched for ([] for popular items). */
  readonly terms: readonly string[];
  readonly turn: number;
}

/** What the conversation has established so far. */
export interface DialogueState {
  /** Turns so far (one per visitor message). */
  readonly turn: number;
  readonly lastIntent?: Slot<string>;
  /** The previous visitor message (already redacted), for follow-ups classified with it. */
  readonly lastText?: Slot<string>;
  readonly focus?: Slot<{ readonly id: string; readonly title: string }>;
  readonly shown?: Shown;
  readonly slots: {
    readonly maxPrice?: Slot<number>;
    readonly minPrice?: Slot<number>;
    readonly colour?: Slot<string>;
    readonly quantity?: Slot<number>;
    readonly orderNumber?: Slot<string>;
  };
  /** The clarifying question last asked: the intents offered and the message it was about. */
  readonly clarify?: Slot<{ readonly options: readonly string[]; readonly text: string }>;
  /** Turns in a row whose answer did not help (out of scope, a question back). */
  readonly failures: number;
}

/** What one turn established. */
export interface TurnRecord {
  readonly text: string;
  readonly intent: IntentResult;
  readonly cues: TurnCues;
  readonly plan: SearchPlan | null;
  /** The answer asked a clarifying question (its options: the intent's alternatives). */
  readonly clarified: boolean;
  /** The answer did not help (worker/chat/escalation.ts). */
  readonly failed?: boolean;
}

/** The state after a turn: what it said, asked, named and showed. */
export function remember(state: DialogueState, r: TurnRecord): DialogueState {
  const turn = state.turn;
  const { cues, plan } = r;
  const slot = <T>(value: T | undefined) => (value === undefined ? {} : { value, turn });
  const slots: DialogueState['slots'] = {
    ...state.slots,
    ...(cues.maxPrice !== undefined ? { maxPrice: slot(cues.maxPrice) as Slot<number> } : {}),
    ...(cues.minPrice !== undefined ? { minPrice: slot(cues.minPrice) as Slot<number> } : {}),
    ...(cues.colour !== undefined ? { colour: slot(cues.colour) as Slot<string> } : {}),
    ...(cues.quantity !== undefined ? { quantity: slot(cues.quantity) as Slot<number> } : {}),
    ...(cues.orderNumber !== undefined ? { orderNumber: slot(cues.orderNumber) as Slot<string> } : {}),
  };
  const shown = plan?.hits.length
    ? {
        ids: plan.hits.map((h) => h.item.id),
        prices: plan.hits.map((h) => h.item.price),
        terms: plan.terms,
        turn,
      }
    : state.shown;
  const named = plan?.like ?? plan?.hits[0]?.item;
  const { clarify: _, ...rest } = state;
  return {
    ...rest,
    slots,
    failures: r.failed ? state.failures + 1 : 0,
    lastText: { value: r.text, turn },
    ...(r.intent.intent !== null ? { lastIntent: { value: r.intent.intent, turn } } : {}),
    ...(shown ? { shown } : {}),
    ...(named ? { focus: { value: { id: named.id, title: named.title }, turn } } : {}),
    ...(r.clarified
      ? {
          clarify: {
            value: { options: r.intent.alternatives.slice(0, 3).map((a) => a.intent), text: r.text },
            turn,
          },
        }
      : {}),
  };
}

/** How many turns each part lives after the turn that set it. */
export const LIFETIME = {
  lastIntent: 2,
  lastText: 1,
  focus: 4,
  shown: 3,
  slot: 3,
  clarify: 1,
} as const;

/** The state of a new conversation. */
export function emptyDialogue(): DialogueState {
  return { turn: 0, slots: {}, failures: 0 };
}

/** `x` if it is still alive at the state's current turn. */
export function alive<T extends { readonly turn: number }>(
  state: DialogueState,
  x: T | undefined,
  lifetime: number,
): T | undefined {
  return x && state.turn - x.turn <= lifetime ? x : undefined;
}

/** The state at the start of the next turn, with everything expired dropped. */
export function nextTurn(state: DialogueState): DialogueState {
  const turn = state.turn + 1;
  const at = { ...state, turn };
  const keep = <T extends { readonly turn: number }>(x: T | undefined, life: number) => alive(at, x, life);
  const slots = Object.fromEntries(
    Object.entries(state.slots).filter(([, s]) => keep(s as Slot<unknown>, LIFETIME.slot)),
  ) as DialogueState['slots'];
  const lastIntent = keep(state.lastIntent, LIFETIME.lastIntent);
  const lastText = keep(state.lastText, LIFETIME.lastText);
  const focus = keep(state.focus, LIFETIME.focus);
  const shown = keep(state.shown, LIFETIME.shown);
  const clarify = keep(state.clarify, LIFETIME.clarify);
  return {
    turn,
    slots,
    failures: state.failures,
    ...(lastIntent ? { lastIntent } : {}),
    ...(lastText ? { lastText } : {}),
    ...(focus ? { focus } : {}),
    ...(shown ? { shown } : {}),
    ...(clarify ? { clarify } : {}),
  };
}

/** The parts of the state worth keeping with the transcript (live ones only). */
export function contextOf(state: DialogueState): DialogueContext {
  const shown = alive(state, state.shown, LIFETIME.shown);
  const focus = alive(state, state.focus, LIFETIME.focus);
  const intent = alive(state, state.lastIntent, LIFETIME.lastIntent);
  const clarify = alive(state, state.clarify, LIFETIME.clarify);
  return {
    ...(shown ? { shown: { ids: shown.ids, prices: shown.prices, terms: shown.terms } } : {}),
    ...(focus ? { focus: focus.value } : {}),
    ...(intent ? { intent: intent.value } : {}),
    ...(clarify ? { clarify: clarify.value } : {}),
    ...(state.failures ? { failures: state.failures } : {}),
  };
}

/**
 * The state a new page continues from: the kept context as if set in the turn just before, and the
 * visitor's last message for a follow-up.
 */
export function fromContext(context: DialogueContext, lastText?: string): DialogueState {
  const turn = 0;
  return {
    turn,
    slots: {},
    failures: context.failures ?? 0,
    ...(context.shown ? { shown: { ...context.shown, turn } } : {}),
    ...(context.focus ? { focus: { value: context.focus, turn } } : {}),
    ...(context.intent ? { lastIntent: { value: context.intent, turn } } : {}),
    ...(context.clarify ? { clarify: { value: context.clarify, turn } } : {}),
    ...(lastText ? { lastText: { value: lastText, turn } } : {}),
  };
}

/** A conversation older than this starts afresh on the next page. */
export const RESUME_MS = 30 * 60 * 1000;

/** The state a kept transcript continues from, when its last answer is recent enough. */
export function resumeDialogue(messages: readonly ChatMessage[], nowMs: number): DialogueState | null {
  const at = messages.findLastIndex((m) => m.role === 'assistant');
  const last = messages[at];
  if (!last?.context || nowMs - last.at > RESUME_MS) return null;
  const asked = messages.slice(0, at).findLast((m) => m.role === 'visitor');
  return fromContext(last.context, asked?.text);
}
