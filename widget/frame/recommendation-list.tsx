/**
 * Recommendation cards with the reason each was picked.
 */
import type { Recommendations } from '../../worker/protocol';

/** Props of {@link RecommendationList}. */
export interface RecommendationListProps {
  readonly recs: Recommendations;
}

/** Renders the recommended items; the list carries the model version for support and tests. */
export function RecommendationList({ recs }: RecommendationListProps) {
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: recs.currency });
  return (
    <ul
      class="recs"
      aria-label="Recommended for you"
      data-source={recs.source}
      data-basis={recs.basis}
      data-model={recs.modelVersion}
    >
      {recs.items.map((item) => (
        <li key={item.id} class="rec" data-item={item.id} data-basis={item.basis}>
          <span class="rec-title">{item.title}</span>
          <span class="rec-price">{money.format(item.price)}</span>
          <span class="rec-why">{item.reason}</span>
        </li>
      ))}
    </ul>
  );
}
