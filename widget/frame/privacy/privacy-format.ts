/**
 * Locale handling shared by the consent prompt and the privacy center: a translator that survives a
 * locale it does not know, and the dates and numbers they show, formatted for the visitor's language.
 */
import { LOCALES, type Locale, PRIVACY, type PrivacyKey, type Translate, translator } from '../i18n';

/** `locale` if it ships, else English: a bad value from a host page must not blank the prompt. */
export function safeLocale(locale: string | null | undefined): Locale {
  return LOCALES.find((l) => l === locale) ?? 'en';
}

/** The privacy strings in `locale`. */
export function privacyText(locale: string | null | undefined): Translate<PrivacyKey> {
  return translator(PRIVACY, safeLocale(locale));
}

/** A moment, as people in `locale` write it (date and time). */
export function formatMoment(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

/** An epsilon value: two decimals at most, since the budget is a small number like 4. */
export function formatEpsilon(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** A share in [0, 1] as a whole percentage. */
export function formatPercent(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** A count. */
export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}
