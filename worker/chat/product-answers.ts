/**
 * Product answers in the chat: the sentence for how the cards came about, and the cards themselves
 * as recommendations with basis `search`, each with the reason it was picked. Also the reply to a
 * stated preference.
 */
import type { IntentResult, Preference, Recommendations, RecommendedItem } from '../protocol';
import type { BuiltInTexts } from './built-in-texts';
import type { SearchHit, SearchPlan } from './catalog-search';
import type { DecisionOutcome } from './decisions';

const quote = (words: readonly string[]) => words.join(' ');

/** Why one card is there, for "why am I seeing this". */
function reason(hit: SearchHit, plan: SearchPlan, liked: readonly string[]): string {
  const likes = hit.matched.filter((w) => liked.includes(w));
  const asked = hit.matched.filter((w) => !likes.includes(w));
  const parts: string[] = [];
  if (plan.mode === 'similar' && plan.like) parts.push(`Similar to ${plan.like.title}`);
  else if (plan.mode === 'cheaper') parts.push('Cheaper than the ones shown before');
  else if (asked.length) parts.push(`Matches “${quote(asked)}”`);
  else parts.push('Popular in this shop');
  if (likes.length) parts.push(`you said you like ${quote(likes)}`);
  return `${parts.join('; ')}.`;
}

/** The cards of a product answer. */
export function searchCards(
  plan: SearchPlan,
  o: { readonly currency: string; readonly modelVersion: string; readonly liked: readonly string[] },
): Recommendations {
  const items: RecommendedItem[] = plan.hits.map((h) => ({
    id: h.item.id,
    title: h.item.title,
    price: h.item.price,
    score: Math.round(h.score * 1000) / 1000,
    reason: reason(h, plan, o.liked),
    basis: 'search',
  }));
  return {
    items,
    source: 'popularity',
    basis: 'search',
    modelVersion: o.modelVersion,
    currency: o.currency,
    inferenceMs: 0,
  };
}

const fill = (template: string, values: Readonly<Record<string, string>>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** The sentence above the cards. */
export function searchText(plan: SearchPlan, texts: Pick<BuiltInTexts, 'search'>): string {
  return fill(texts.search[plan.mode], {
    query: quote(plan.terms),
    title: plan.like?.title ?? '',
    missing: quote(plan.missing ?? []),
  });
}

/** The reply to a stated preference. */
export function preferenceText(
  p: Pick<Preference, 'kind' | 'label'>,
  texts: Pick<BuiltInTexts, 'preference'>,
): string {
  return fill(texts.preference[p.kind], { label: p.label });
}

/** The answer's text and decision for a product answer (or the reply to a stated preference). */
export function productOutcome(
  plan: SearchPlan,
  stated: Pick<Preference, 'kind' | 'label'> | null,
  intent: IntentResult,
  texts: Pick<BuiltInTexts, 'search' | 'preference'>,
): DecisionOutcome {
  return {
    text: stated ? preferenceText(stated, texts) : searchText(plan, texts),
    decision: {
      rule: stated ? 'preference' : 'product-search',
      variant: stated ? stated.kind : plan.mode,
      intent: intent.intent,
      confidence: intent.confidence,
    },
    quickReplies: [],
    wantsRecommendations: false,
  };
}
