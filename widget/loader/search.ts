/**
 * Searches on the host page: a query in the page URL (`?q=`, `?search=`, `?query=`) and the submit of
 * a search form (`role="search"`, inside a `<search>` element, or holding an `<input type="search">`).
 */

/** URL parameters that carry a site search query. */
export const SEARCH_PARAMS = ['q', 'search', 'query'] as const;

/** The longest query kept (the event rules' string limit). */
const MAX_QUERY = 200;

const clean = (q: unknown): string | null => {
  const s = typeof q === 'string' ? q.trim().slice(0, MAX_QUERY) : '';
  return s ? s : null;
};

/** The search query in a URL's query string (`location.search`), or `null`. */
export function urlSearch(search: string): string | null {
  const params = new URLSearchParams(search);
  for (const name of SEARCH_PARAMS) {
    const q = clean(params.get(name));
    if (q) return q;
  }
  return null;
}

/** A form control as the search capture reads it. */
export interface Field {
  readonly type?: string;
  readonly name?: string;
  readonly value?: unknown;
}

/**
 * The query a submitted form searches for, with the name of its field, or `null` when the form is not
 * a search. `searchForm` says whether the form is marked as one (`role="search"` or `<search>`);
 * otherwise an `<input type="search">` makes it one.
 */
export function formSearch(
  searchForm: boolean,
  fields: Iterable<Field>,
): { readonly q: string; readonly name: string } | null {
  const list = Array.from(fields);
  const field =
    list.find((f) => f.type === 'search') ||
    (searchForm &&
      (list.find((f) => (SEARCH_PARAMS as readonly unknown[]).includes(f.name)) ||
        list.find((f) => f.type === 'text')));
  const q = field && clean(field.value);
  return q && field ? { q, name: field.name || '' } : null;
}
