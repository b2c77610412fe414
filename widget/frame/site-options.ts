/**
 * The site's options, checked once, here in the frame that uses them. The loader forwards what the
 * site wrote (the script tag's data attributes and `confide('init', {...})`) as plain data; a bad
 * field is dropped with a `[confide]` warning that names it and where it came from, and the rest is
 * kept. The worker checks templates and experiments strictly again, field by field.
 */
import { safeFaqUrl, safeHandoff } from '../../worker/protocol';
import type { ForwardedOptions, SiteOptions } from '../protocol';

type Warn = (message: string) => void;
type Raw = Record<string, unknown>;
/** True when the field's value is valid. */
type Check = (v: unknown) => boolean;

const isObj = (x: unknown): x is Raw => typeof x === 'object' && x !== null && !Array.isArray(x);
const num = (x: unknown, lo: number, hi: number) =>
  typeof x === 'number' && Number.isFinite(x) && x >= lo && x <= hi;
const text = (x: unknown, max: number, re = /./): x is string =>
  typeof x === 'string' && x.length <= max && re.test(x);

/** A hex, named or functional CSS color; nothing that could close a declaration or load a URL. */
const COLOR =
  /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([\d\s.,%/a-z+-]{1,60}\))$/i;
/** Templates are checked field by field in the worker; here only their size is bounded. */
const MAX_TEMPLATE_CHARS = 32_768;
/** The FAQ likewise: the worker checks each entry and names the bad one. */
const MAX_FAQ_CHARS = 131_072;

const THEME: Record<string, Check> = {
  brand: (x) => text(x, 80, COLOR),
  radius: (x) => num(x, 0, 48),
  position: (x) => x === 'left' || x === 'right',
  mode: (x) => x === 'auto' || x === 'light' || x === 'dark',
};

/** One check per option (the theme's fields are checked one by one). */
const OPTIONS: Record<string, Check> = {
  locale: (x) => text(x, 35, /^[a-z]{2,3}(-[a-z0-9]{2,8}){0,3}$/i),
  theme: isObj,
  greetingDelayMs: (x) => x === false || num(x, 0, 3_600_000),
  handoff: (x) => safeHandoff(x) !== undefined,
  templates: (x) => isObj(x) && size(x) <= MAX_TEMPLATE_CHARS,
  faq: (x) =>
    safeFaqUrl(x) !== undefined ||
    (Array.isArray(x) && x.length <= 200 && x.every(isObj) && size(x) <= MAX_FAQ_CHARS),
  // Shapes only: the worker checks every id, variant and weight and says which one is wrong.
  experiments: (x) => Array.isArray(x) && x.length <= 20 && x.every(isObj),
  webgpu: (x) => typeof x === 'boolean',
};

/** The fields of `x` that pass their check; `bad(key)` hears of each other one. */
function fields(x: Raw, checks: Record<string, Check>, bad: (key: string) => void): Raw {
  const out: Raw = {};
  for (const key of Object.keys(x)) {
    // Own keys only: `toString` or `__proto__` in the site's object must not reach a prototype's method.
    if (!Object.hasOwn(checks, key) || !(checks[key] as Check)(x[key])) bad(key);
    else if (key === 'theme') out[key] = fields(x[key] as Raw, THEME, (k) => bad(`theme.${k}`));
    else if (key === 'handoff') out[key] = safeHandoff(x[key]);
    else if (key === 'faq' && typeof x[key] === 'string') out[key] = safeFaqUrl(x[key]);
    else out[key] = x[key];
  }
  return out;
}

function size(v: unknown): number {
  try {
    return JSON.stringify(v).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Checks one source of options; returns the valid fields only, with one warning per dropped field.
 * `where` names the source in warnings (`confide('init')` or `the script tag`).
 */
export function validateOptions(x: unknown, warn: Warn, where = "confide('init')"): SiteOptions {
  if (!isObj(x)) {
    warn(`${where} ignored: expected an object`);
    return {};
  }
  return fields(x, OPTIONS, (key) =>
    warn(`${where}: option "${key.slice(0, 40)}" dropped: unknown or invalid`),
  );
}

/** `b` over `a`, theme fields merged one by one (an `init` call setting only `brand` keeps `data-position`). */
export function mergeOptions(a: SiteOptions, b: SiteOptions): SiteOptions {
  const merged = { ...a, ...b };
  if (a.theme || b.theme) merged.theme = { ...a.theme, ...b.theme };
  return merged;
}

/**
 * The options the frame runs with: each source checked (warnings name it), `init` over the script
 * tag, and the host page's `<html lang>` when the site chose no locale.
 */
export function siteOptions(forwarded: ForwardedOptions, warn: Warn): SiteOptions {
  const inits = Array.isArray(forwarded.init) ? forwarded.init : [];
  const options = inits.reduce<SiteOptions>(
    (merged, init) => mergeOptions(merged, validateOptions(init, warn)),
    forwarded.script === undefined ? {} : validateOptions(forwarded.script, warn, 'the script tag'),
  );
  const lang = forwarded.lang;
  return options.locale || typeof lang !== 'string' || !OPTIONS.locale?.(lang)
    ? options
    : { ...options, locale: lang };
}
