/**
 * A short-lived cache of site configuration (key → origins), used only in front of PostgreSQL,
 * where each lookup is a network round trip on every report.
 *
 * This does not make an instance stateful in the sense that matters for scaling out: the database
 * stays the only source of truth, nothing is written here that another instance would need, and a
 * change made through another instance (new origins, a removed site) is seen here within `ttlMs`.
 * Only hits are kept, so a site registered elsewhere is found at once, and junk keys cannot grow it.
 */

/** A bounded TTL map from site key to a looked-up value. */
export class SiteCache<T> {
  readonly #entries = new Map<string, { value: T; expires: number }>();

  /**
   * @param ttlMs how long a looked-up site is trusted without asking the database again.
   * @param maxEntries beyond this, the oldest entry is dropped (Map keeps insertion order).
   * @param now clock, injectable for tests.
   */
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1024,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value, or `load(key)` (cached when it is not undefined). */
  async get(key: string, load: (key: string) => Promise<T | undefined>): Promise<T | undefined> {
    const hit = this.#entries.get(key);
    const now = this.now();
    if (hit && hit.expires > now) return hit.value;
    const value = await load(key);
    this.#entries.delete(key);
    if (value === undefined) return undefined;
    if (this.#entries.size >= this.maxEntries) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, { value, expires: now + this.ttlMs });
    return value;
  }

  /** Forgets `key`, after this instance changed it, so its own change is seen at once. */
  invalidate(key: string): void {
    this.#entries.delete(key);
  }
}
