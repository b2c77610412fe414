/**
 * Theming through CSS custom properties. A site picks a brand color, a radius, a side and a color mode;
 * the frame derives everything that must stay readable from the brand (text on brand fills, brand-colored
 * text on light and dark backgrounds) so that no brand choice can break WCAG AA contrast.
 */
import type { SiteOptions } from '../protocol';

/** An sRGB color, channels 0..255. */
export type Rgb = readonly [number, number, number];

/** The panel backgrounds the derived colors must stay readable on (kept in step with styles.css). */
export const BACKGROUNDS = { light: [255, 255, 255], dark: [22, 25, 29] } as const satisfies Record<
  string,
  Rgb
>;

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2 contrast ratio, 1..21. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `a` moved toward `b` by `t` (0..1). */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round((a[i] as number) + ((b[i] as number) - (a[i] as number)) * t)) as [
    number,
    number,
    number,
  ];
}

/** The brand itself when it reads on `bg` at `min` contrast, else the nearest mix toward black or white. */
export function readableOn(color: Rgb, bg: Rgb, min = 4.5): Rgb {
  const toward: Rgb = luminance(bg) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  for (let t = 0; t <= 1; t += 0.05) {
    const c = mix(color, toward, t);
    if (contrast(c, bg) >= min) return c;
  }
  return toward;
}

/** Black or white, whichever reads better on the fill. */
export function textOn(fill: Rgb): Rgb {
  return contrast(fill, [255, 255, 255]) >= contrast(fill, [17, 17, 17]) ? [255, 255, 255] : [17, 17, 17];
}

/** `#rrggbb`. */
export function hex(c: Rgb): string {
  return `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
}

/** Any CSS color to sRGB through the browser's own parser; null when it is not a color. */
export function parseColor(css: string): Rgb | null {
  if (!CSS.supports('color', css)) return null;
  const ctx = document.createElement('canvas').getContext('2d');
  if (!ctx) return null;
  ctx.fillStyle = css;
  const out = String(ctx.fillStyle);
  const h = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(out);
  if (h) return [1, 2, 3].map((i) => Number.parseInt(h[i] as string, 16)) as unknown as Rgb;
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(out);
  return m ? ([1, 2, 3].map((i) => Number(m[i])) as unknown as Rgb) : null;
}

/** Applies the site's theme to the frame's root element. */
export function applyTheme(root: HTMLElement, theme: SiteOptions['theme'] = {}): void {
  const brand = (theme.brand && parseColor(theme.brand)) || null;
  const style = root.style;
  if (brand) {
    // Fills keep the exact brand; brand-colored text and outlines get a readable shade per mode.
    style.setProperty('--confide-brand', hex(brand));
    style.setProperty('--confide-on-brand', hex(textOn(brand)));
    style.setProperty('--confide-accent-light', hex(readableOn(brand, BACKGROUNDS.light)));
    style.setProperty('--confide-accent-dark', hex(readableOn(brand, BACKGROUNDS.dark)));
  }
  if (theme.radius !== undefined) style.setProperty('--confide-radius', `${theme.radius}px`);
  root.dataset.position = theme.position ?? 'right';
  root.dataset.mode = theme.mode ?? 'auto';
}
