/**
 * What a handoff link may be: the frame renders only these, and the worker keeps only these in the
 * transcript. `https:`, `mailto:`, or `http:` on loopback (the demo and local development).
 */
import type { Handoff } from './chat';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

const isLoopback = (url: URL) =>
  url.protocol === 'http:' && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname);

/**
 * The handoff as it may be rendered (label trimmed to 80 characters, URL normalized), or undefined.
 * A relative `href` resolves against `base` when one is given (an FAQ file's own URL).
 */
export function safeHandoff(x: unknown, base?: string): Handoff | undefined {
  if (!isObj(x) || typeof x.label !== 'string' || typeof x.href !== 'string') return undefined;
  const label = x.label.trim().slice(0, 80);
  try {
    const url = new URL(x.href, base);
    if (url.protocol !== 'https:' && url.protocol !== 'mailto:' && !isLoopback(url)) return undefined;
    return label ? { label, href: url.href } : undefined;
  } catch {
    return undefined;
  }
}

/** Where an FAQ file may be fetched from: an `https:` URL, or `http:` on loopback; else undefined. */
export function safeFaqUrl(x: unknown): string | undefined {
  if (typeof x !== 'string' || x.length > 2048) return undefined;
  try {
    const url = new URL(x);
    return url.protocol === 'https:' || isLoopback(url) ? url.href : undefined;
  } catch {
    return undefined;
  }
}
