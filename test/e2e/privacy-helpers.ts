/**
 * Helpers for the consent and privacy-center flows: driving the panel, reading what the privacy center
 * shows, reading what the widget origin really keeps (IndexedDB and Cache Storage, from inside the
 * frame), catching downloads, and measuring text contrast as WCAG defines it.
 */
import { readFile } from 'node:fs/promises';
import type { Frame, Page } from '@playwright/test';
import { expect } from './stack';

/** The stores the privacy center lists, as `status.stores` names them. */
export const STORE_KEYS = ['events', 'messages', 'derived', 'keys', 'cachedModels'] as const;

/** Records per store. */
export type StoreCounts = Record<(typeof STORE_KEYS)[number], number>;

/** All zero: what the privacy center must show after "delete everything". */
export const ZERO_COUNTS: StoreCounts = { events: 0, messages: 0, derived: 0, keys: 0, cachedModels: 0 };

/** Opens the panel from the launcher. */
export async function openPanel(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Open chat' }).click();
}

/** Opens the privacy center from the panel header and waits for its heading. */
export async function openPrivacy(frame: Frame): Promise<void> {
  await frame.getByRole('button', { name: 'Privacy', exact: true }).click();
  await expect(frame.getByRole('heading', { name: 'Privacy and your data' })).toBeVisible();
}

/** The counts the privacy center shows, read from the rendered text. */
export async function shownCounts(frame: Frame): Promise<StoreCounts> {
  const out = { ...ZERO_COUNTS };
  for (const key of STORE_KEYS) {
    const text = (await frame.locator(`[data-store="${key}"]`).textContent()) ?? '';
    out[key] = Number(text.replace(/\D/g, ''));
  }
  return out;
}

/**
 * What the widget origin really keeps, counted in the browser's own storage from inside the frame:
 * records per IndexedDB object store and entries in the model cache. Never opens a database that does
 * not exist (opening would create one).
 */
export function storedCounts(frame: Frame): Promise<StoreCounts> {
  return frame.evaluate(async () => {
    const count = async (names: readonly string[]) => {
      if (!(await indexedDB.databases()).some((d) => d.name === 'confide')) return names.map(() => 0);
      const db = await new Promise<IDBDatabase>((done, fail) => {
        const req = indexedDB.open('confide');
        req.onsuccess = () => done(req.result);
        req.onerror = () => fail(req.error);
      });
      try {
        return await Promise.all(
          names.map(
            (n) =>
              new Promise<number>((done, fail) => {
                const req = db.transaction(n).objectStore(n).count();
                req.onsuccess = () => done(req.result);
                req.onerror = () => fail(req.error);
              }),
          ),
        );
      } finally {
        db.close();
      }
    };
    const [events, messages, derived, keys] = await count(['events', 'transcripts', 'state', 'keys']);
    const cachedModels = (await caches.has('confide-models'))
      ? (await (await caches.open('confide-models')).keys()).length
      : 0;
    return {
      events: events ?? 0,
      messages: messages ?? 0,
      derived: derived ?? 0,
      keys: keys ?? 0,
      cachedModels,
    };
  });
}

/**
 * Storage counts once they stop changing (profile saves are deferred, models are cached as they
 * arrive): two equal readings 700 ms apart.
 */
export async function settledCounts(frame: Frame, timeoutMs = 15_000): Promise<StoreCounts> {
  const end = Date.now() + timeoutMs;
  let last = JSON.stringify(await storedCounts(frame));
  while (Date.now() < end) {
    await new Promise((r) => setTimeout(r, 700));
    const now = JSON.stringify(await storedCounts(frame));
    if (now === last) return JSON.parse(now) as StoreCounts;
    last = now;
  }
  throw new Error(`storage kept changing for ${timeoutMs} ms: ${last}`);
}

/** Clicks what `click` clicks, catches the file the frame downloads and parses it as JSON. */
export async function downloadedJson<T>(
  page: Page,
  click: () => Promise<void>,
): Promise<{ readonly name: string; readonly json: T }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const failure = await download.failure();
  if (failure) throw new Error(`download failed: ${failure}`);
  const text = await readFile(await download.path(), 'utf8');
  return { name: download.suggestedFilename(), json: JSON.parse(text) as T };
}

/** One text run whose contrast is below the threshold. */
export interface ContrastProblem {
  readonly text: string;
  readonly ratio: number;
  readonly fg: string;
  readonly bg: string;
}

/**
 * Every element under `selector` that has its own visible text, with a contrast ratio (WCAG 2.2
 * relative luminance) below 4.5:1 against the background actually painted behind it (semi-transparent
 * layers composited up to the first opaque one). Disabled controls are exempt, as WCAG 1.4.3 says.
 */
export function contrastProblems(frame: Frame, selector: string): Promise<ContrastProblem[]> {
  return frame.evaluate((sel) => {
    const canvas = document.createElement('canvas');
    canvas.width = 1;
    canvas.height = 1;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2d canvas');
    // The canvas resolves any CSS colour syntax (rgb, color(srgb …), color-mix results) to RGBA bytes.
    const rgba = (css: string): [number, number, number, number] => {
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = '#000';
      ctx.fillStyle = css;
      ctx.fillRect(0, 0, 1, 1);
      const [r = 0, g = 0, b = 0, a = 0] = ctx.getImageData(0, 0, 1, 1).data;
      return [r, g, b, a / 255];
    };
    const over = (top: number[], under: number[]) =>
      [0, 1, 2].map((i) => (top[i] ?? 0) * (top[3] ?? 1) + (under[i] ?? 0) * (1 - (top[3] ?? 1)));
    const background = (el: Element): number[] => {
      const layers: number[][] = [];
      for (let n: Element | null = el; n; n = n.parentElement) {
        const c = rgba(getComputedStyle(n).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let base = [255, 255, 255];
      for (const layer of layers.reverse()) base = over(layer, base);
      return base;
    };
    const lum = (c: number[]) => {
      const [r = 0, g = 0, b = 0] = c.map((v) => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const out: { text: string; ratio: number; fg: string; bg: string }[] = [];
    for (const root of document.querySelectorAll(sel)) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        const own = [...el.childNodes]
          .filter((n) => n.nodeType === Node.TEXT_NODE)
          .map((n) => n.textContent ?? '')
          .join('')
          .trim();
        if (!own || !(el instanceof HTMLElement) || el.offsetParent === null) continue;
        if (el.closest(':disabled')) continue;
        const bg = background(el);
        const fg = over(rgba(getComputedStyle(el).color), bg);
        const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
        const ratio = (hi + 0.05) / (lo + 0.05);
        if (ratio < 4.5) out.push({ text: own.slice(0, 60), ratio, fg: String(fg), bg: String(bg) });
      }
    }
    return out;
  }, selector);
}
