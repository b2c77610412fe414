/**
 * Site options from the script tag's data attributes and `confide('init', {...})`. They are checked by
 * hand, because a validation library would not fit the loader's budget: a bad field is dropped with a
 * `[confide]` warning that names it. No value throws here (a site object's throwing getter is caught by
 * the command layer, which warns). The frame and the worker check again.
 */
import type { SiteOptions } from '../protocol';
import { isObject } from './is-object';

type Warn = (message: string) => void;
type Raw = Record<string, unknown>;
/** True when the field's value is valid. */
type Check = (v: unknown) => boolean;

const isObj = (x: unknown): x is Raw => isObject(x) && !Array.isArray(x);
const num = (x: unknown, lo: number, hi: number) => typeof x === 'number' && x >= lo && x <= hi;
const text = (x: unknown, max: number, re = /./): x is string =>
  typeof x === 'string' && x.length <= max && re.test(x);

/** A hex, named or functional CSS color; nothing that could close a declaration or load a URL. */
const COLOR =
  /^(#[0-9a-f]{3,8}|[a-z]{3,30}|(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\([\d\s.,%/a-z+-]{1,60}\))$/i;
/** Templates are checked field by field in the worker; here only their size is bounded. */
const MAX_TEMPLATE_CHARS = 32_768;

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
  handoff: (x) => isObj(x) && text(x.label, 80, /./) && text(x.href, 500, /^(https:\/\/|mailto:)\S+$/),
  templates: (x) => isObj(x) && size(x) <= MAX_TEMPLATE_CHARS,
  // Shapes only: the worker checks every id, variant and weight and says which one is wrong.
  experiments: (x) => Array.isArray(x) && x.length <= 20 && x.every(isObj),
  webgpu: (x) => typeof x === 'boolean',
};

/** The fields of `x` that pass their check; `bad(key)` hears of each other one. */
function fields(x: Raw, checks: Record<string, Check>, bad: (key: string) => void): Raw {
  const out: Raw = {};
  for (const key of Object.keys(x)) {
    // Own keys only: `toString` or `__proto__` in the site's object must not reach a prototype's method.
    if (Object.hasOwn(checks, key) && (checks[key] as Check)(x[key])) {
      out[key] = key === 'theme' ? fields(x[key] as Raw, THEME, (k) => bad(`theme.${k}`)) : x[key];
    } else bad(key);
  }
  return out;
}

function size(v: unknown): number {
  try {
    return JSON.stringify(v).length;
  } catch {
    return Number.POSITIVE_INFINITY; // Cyclic or otherwise unserializable: cannot cross postMessage as JSON.
  }
}

/**
 * Checks site options; returns the valid fields only, with one warning per dropped field (the rules
 * are in the README). `where` names the source in warnings (`confide('init')` or the script tag).
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

/** Data attributes of the script tag and the option each one sets. */
const ATTRIBUTES: readonly [string, string, string?][] = [
  ['locale', 'locale'],
  ['brand', 'theme', 'brand'],
  ['radius', 'theme', 'radius'],
  ['position', 'theme', 'position'],
  ['mode', 'theme', 'mode'],
  ['greeting-delay', 'greetingDelayMs'],
  ['webgpu', 'webgpu'],
  ['handoff-href', 'handoff', 'href'],
  ['handoff-label', 'handoff', 'label'],
];

/**
 * Options written as data attributes on the script tag (`data-locale`, `data-brand`, `data-radius`,
 * `data-position`, `data-mode`, `data-greeting-delay` in ms or `off`, `data-webgpu`, and
 * `data-handoff-href` with `data-handoff-label`), as the raw object {@link validateOptions} checks.
 */
export function attributeOptions(get: (name: string) => string | null): Raw {
  const out: Raw = {};
  for (const [name, key, sub] of ATTRIBUTES) {
    const s = get(`data-${name}`);
    if (s === null) continue;
    // Numbers and booleans are written as text; anything else stays text for the check to report.
    const v = /^\d+(\.\d+)?$/.test(s)
      ? Number(s)
      : s === 'true'
        ? true
        : s === 'false' || s === 'off'
          ? false
          : s;
    if (sub) out[key] = { ...(out[key] as Raw), [sub]: v };
    else out[key] = v;
  }
  return out;
}

/** `b` over `a`, theme fields merged one by one (an `init` call setting only `brand` keeps `data-position`). */
export function mergeOptions(a: SiteOptions, b: SiteOptions): SiteOptions {
  const merged = { ...a, ...b };
  if (a.theme || b.theme) merged.theme = { ...a.theme, ...b.theme };
  return merged;
}
