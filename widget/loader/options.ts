/**
 * Site options as the site wrote them: the script tag's data attributes and `confide('init', {...})`.
 * The loader forwards them as plain data and the frame checks them once (frame/site-options.ts),
 * warning about each bad field; here only what cannot cross `postMessage` is refused.
 */
type Raw = Record<string, unknown>;

/**
 * A plain-data copy of what the site passed (functions and prototypes gone), or `undefined` with a
 * warning when it cannot be copied (a cycle, a getter that throws).
 */
export function plainOptions(x: unknown, warn: (message: string) => void): unknown {
  let json: string | undefined;
  try {
    json = JSON.stringify(x);
  } catch (e) {
    warn(`confide('init') ignored: the options cannot be copied (${e instanceof Error ? e.message : e})`);
    return undefined;
  }
  return json === undefined ? null : JSON.parse(json);
}

/** The iframe's side before the frame has loaded: the last valid `theme.position`, else right. */
export function framePosition(sources: readonly unknown[]): 'left' | 'right' {
  let side: 'left' | 'right' = 'right';
  for (const o of sources) {
    const p = (o as { theme?: { position?: unknown } } | null)?.theme?.position;
    if (p === 'left' || p === 'right') side = p;
  }
  return side;
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
 * `data-handoff-href` with `data-handoff-label`), as the raw object the frame checks (frame/site-options.ts).
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
