/**
 * The site's options as the frame uses them. The loader validated them already, but the frame trusts
 * nothing that crossed `postMessage`: each field is checked again and a wrong one is dropped (the worker
 * validates templates and experiments strictly itself).
 */
import { safeHandoff } from '../../worker/protocol';
import type { SiteOptions } from '../protocol';

/** Default delay of the proactive greeting (DESIGN: 8 s). */
export const DEFAULT_GREETING_DELAY_MS = 8000;

/** How long the frame waits for the loader's `config` before starting the worker without it. */
export const CONFIG_WAIT_MS = 1500;

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** Keeps only well-formed fields of the options. */
export function sanitizeOptions(x: unknown): SiteOptions {
  if (!isObj(x)) return {};
  const out: { -readonly [K in keyof SiteOptions]: SiteOptions[K] } = {};
  if (typeof x.locale === 'string' && x.locale.length <= 35) out.locale = x.locale;
  if (isObj(x.theme)) {
    const t = x.theme;
    out.theme = {
      ...(typeof t.brand === 'string' && t.brand.length <= 80 ? { brand: t.brand } : {}),
      ...(typeof t.radius === 'number' && t.radius >= 0 && t.radius <= 48 ? { radius: t.radius } : {}),
      ...(t.position === 'left' || t.position === 'right' ? { position: t.position } : {}),
      ...(t.mode === 'auto' || t.mode === 'light' || t.mode === 'dark' ? { mode: t.mode } : {}),
    };
  }
  const delay = x.greetingDelayMs;
  if (delay === false || (typeof delay === 'number' && delay >= 0 && delay <= 3_600_000)) {
    out.greetingDelayMs = delay;
  }
  const handoff = safeHandoff(x.handoff);
  if (handoff) out.handoff = handoff;
  if (isObj(x.templates)) out.templates = x.templates as SiteOptions['templates'];
  if (Array.isArray(x.experiments)) out.experiments = x.experiments as SiteOptions['experiments'];
  if (typeof x.webgpu === 'boolean') out.webgpu = x.webgpu;
  return out;
}
