/**
 * The frame's translations. Each UI area keeps its own dictionary file (`chat.ts`, `privacy.ts`, …)
 * with every key in every shipped locale; the type system makes a missing German string a compile
 * error. The locale comes from the site's config, else the host page's language, else the browser's.
 */

/** Locales that ship. */
export const LOCALES = ['en', 'de'] as const;

/** One shipped locale. */
export type Locale = (typeof LOCALES)[number];

/** A dictionary: the same keys in every locale; `{name}` marks a variable. */
export type Dictionary<K extends string> = Readonly<Record<Locale, Readonly<Record<K, string>>>>;

/** Looks a key up and fills its `{variables}`. */
export type Translate<K extends string> = (
  key: K,
  vars?: Readonly<Record<string, string | number>>,
) => string;

/** The first shipped locale matching the candidates in order (`de-AT` → `de`); `en` otherwise. */
export function pickLocale(...candidates: readonly (string | null | undefined)[]): Locale {
  for (const c of candidates) {
    const base = c?.toLowerCase().split(/[-_]/)[0];
    const hit = LOCALES.find((l) => l === base);
    if (hit) return hit;
  }
  return 'en';
}

/** A translator over one dictionary for one locale. */
export function translator<K extends string>(dict: Dictionary<K>, locale: Locale): Translate<K> {
  const table = dict[locale];
  return (key, vars) => {
    const text = table[key] ?? dict.en[key] ?? key;
    return vars
      ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
      : text;
  };
}
