/**
 * The scripted dialogues (models/data/shopper-phrasing/dialogues.json) and how one turn is judged.
 * A turn is right when every expectation it states holds; a dialogue when all its turns are.
 */
import { readFileSync } from 'node:fs';
import type { Answer } from '../../worker/protocol';

/** What a good assistant does with one message. */
export interface TurnExpectation {
  /** The intent answered (decision.intent). */
  readonly intent?: string;
  /** The rule that chose the answer: product-search, preference, faq, clarify, handoff… */
  readonly rule?: string;
  /** The decision's variant: the FAQ entry id, the search mode, the preference kind. */
  readonly variant?: string;
  /** A word every card's title contains. */
  readonly cards?: string;
  /** No card's title contains this word. */
  readonly noCards?: string;
  /** Every card is below the median price of the cards shown in the previous answer with cards. */
  readonly cheaper?: boolean;
  /** Every card costs at most this. */
  readonly maxPrice?: number;
}

/** One scripted conversation. */
export interface Dialogue {
  readonly id: string;
  readonly turns: readonly { readonly say: string; readonly expect: TurnExpectation }[];
}

/** Reads the committed dialogue set. */
export function readDialogues(
  path = new URL('../../models/data/shopper-phrasing/dialogues.json', import.meta.url),
): Dialogue[] {
  const file = JSON.parse(readFileSync(path, 'utf8')) as { dialogues?: Dialogue[] };
  if (!Array.isArray(file.dialogues) || file.dialogues.length === 0) {
    throw new Error(`${String(path)}: no dialogues`);
  }
  return file.dialogues;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return ((s[(s.length - 1) >> 1] ?? 0) + (s[s.length >> 1] ?? 0)) / 2;
};

/** The expectations `a` misses, as short reasons (empty: the turn is right). */
export function judgeTurn(e: TurnExpectation, a: Answer, previousPrices: readonly number[] | null): string[] {
  const misses: string[] = [];
  const d = a.decision;
  const items = a.recommendations?.basis === 'search' ? a.recommendations.items : [];
  if (e.intent !== undefined && d.intent !== e.intent) misses.push(`intent ${d.intent} ≠ ${e.intent}`);
  if (e.rule !== undefined && d.rule !== e.rule) misses.push(`rule ${d.rule} ≠ ${e.rule}`);
  if (e.variant !== undefined && d.variant !== e.variant) misses.push(`variant ${d.variant} ≠ ${e.variant}`);
  const needCards = e.cards !== undefined || e.cheaper || e.maxPrice !== undefined;
  if (needCards && items.length === 0) misses.push('no cards');
  if (e.cards && items.some((i) => !i.title.toLowerCase().includes(e.cards as string))) {
    misses.push(`a card without "${e.cards}"`);
  }
  const avoided = e.noCards;
  if (avoided && (a.recommendations?.items ?? []).some((i) => i.title.toLowerCase().includes(avoided))) {
    misses.push(`a card with "${avoided}"`);
  }
  if (e.maxPrice !== undefined && items.some((i) => i.price > (e.maxPrice as number))) {
    misses.push(`a card over ${e.maxPrice}`);
  }
  if (e.cheaper) {
    if (!previousPrices?.length) misses.push('no earlier cards to be cheaper than');
    else if (items.some((i) => i.price >= median(previousPrices))) misses.push('a card not cheaper');
  }
  return misses;
}
