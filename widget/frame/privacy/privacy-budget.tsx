/**
 * The privacy budget: how much local differential privacy this device spent today on the reports it
 * shared, of the daily budget after which it sends nothing more, with epsilon explained in one sentence.
 */
import type { PrivacyLedgerSummary } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { formatCount, formatEpsilon, privacyText } from './privacy-format';

/** Props of {@link BudgetSection}. */
export interface BudgetSectionProps {
  readonly locale: Locale;
  readonly share: boolean;
  readonly privacy: PrivacyLedgerSummary;
}

/** Epsilon spent today of the budget, and the reports sent. */
export function BudgetSection({ locale, share, privacy }: BudgetSectionProps) {
  const t = privacyText(locale);
  const spent = formatEpsilon(privacy.epsilonToday, locale);
  const budget = formatEpsilon(privacy.dailyBudget, locale);
  const exhausted = privacy.dailyBudget > 0 && privacy.epsilonToday >= privacy.dailyBudget;
  return (
    <section
      class="pv-section"
      aria-labelledby="pv-budget"
      data-epsilon-today={privacy.epsilonToday}
      data-daily-budget={privacy.dailyBudget}
      data-reports-sent={privacy.reportsSent}
    >
      <h3 id="pv-budget">{t('budgetTitle')}</h3>
      {privacy.sharing === 'unavailable' ? (
        <p data-sharing="unavailable">{t('budgetUnavailable')}</p>
      ) : (
        !share && <p>{t('budgetOff')}</p>
      )}
      <p>{t('budgetToday', { spent, budget })}</p>
      <meter
        class="pv-meter"
        min={0}
        max={Math.max(privacy.dailyBudget, 0)}
        value={Math.min(privacy.epsilonToday, Math.max(privacy.dailyBudget, 0))}
        aria-label={t('budgetMeter')}
        aria-valuetext={`ε ${spent} / ${budget}`}
      />
      <p>{t('budgetReports', { count: formatCount(privacy.reportsSent, locale) })}</p>
      {exhausted && <p class="pv-strong">{t('budgetSpent')}</p>}
      <p class="pv-detail">{t('epsilonExplained')}</p>
    </section>
  );
}
