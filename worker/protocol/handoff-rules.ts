/**
 * What a handoff link may be: the frame renders only these, and the worker keeps only these in the
 * transcript. `https:`, `mailto:`, or `http:` on loopback (the demo and local development).
 */
import type { Handoff } from './chat';

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** The handoff as it may be rendered (label trimmed to 80 characters, URL normalized), or undefined. */
export function safeHandoff(x: unknown): Handoff | undefined {
  if (!isObj(x) || typeof x.label !== 'string' || typeof x.href !== 'string') return undefined;
  const label = x.label.trim().slice(0, 80);
  try {
    const url = new URL(x.href);
    const loopback = url.protocol === 'http:' && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && url.protocol !== 'mailto:' && !loopback) return undefined;
    return label ? { label, href: url.href } : undefined;
  } catch {
    return undefined;
  }
}
