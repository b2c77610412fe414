/**
 * Host pages for the chat specs: a minimal shop page on the test's allowed host origin that embeds the
 * widget with the queueing snippet and `confide('init', options)`, plus small keyboard helpers.
 */
import type { Frame, Page } from '@playwright/test';
import type { SiteOptions } from '../../widget/protocol';
import { expect, type Stack } from './stack';

/** What a host page needs besides the site options. */
export interface HostPageOptions {
  /** `<html lang>`; default `en`. */
  readonly lang?: string;
  /** Path to serve the page at; default `/shop`. */
  readonly path?: string;
  readonly body?: string;
}

/** The chat's handoff target in these specs: an e-mail address, which needs no server. */
export const HANDOFF = { label: 'Write to our team', href: 'mailto:help@shop.example' } as const;

/** Serves a host page embedding the widget with `options`; returns its URL. */
export function hostPage(stack: Stack, options: SiteOptions, page: HostPageOptions = {}): string {
  const path = page.path ?? '/shop';
  const init = JSON.stringify(options).replace(/</g, '\\u003c');
  stack.hostPages.set(
    path,
    `<!doctype html><html lang="${page.lang ?? 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head>
<body><main><h1>Shop</h1><a href="${path}">Home</a>${page.body ?? ''}</main>
<script>window.confide=window.confide||function(){(confide.q=confide.q||[]).push(arguments)};
confide('init', ${init});</script>
<script async src="${stack.widgetUrl}/confide.js" data-site="demo"></script></body></html>`,
  );
  return `${stack.hostPages.url}${path}`;
}

/** What has focus inside the frame: its tag, accessible-ish name and classes. */
export function focused(frame: Frame) {
  return frame.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      name: (el?.getAttribute('aria-label') ?? el?.textContent ?? '').trim(),
      cls: el?.className ?? '',
      frameHasFocus: document.hasFocus(),
    };
  });
}

/** Presses Tab (or `key`) until the frame's focused element matches, at most `max` times; throws otherwise. */
export async function tabTo(
  page: Page,
  frame: Frame,
  match: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  { max = 30, key = 'Tab' }: { max?: number; key?: 'Tab' | 'Shift+Tab' } = {},
): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    const f = await focused(frame);
    if (f.frameHasFocus && match(f)) return;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(frame))})`);
}

/**
 * Types `text` into the open chat and returns the `nth` assistant answer once it is there (the first
 * answer of a fresh worker loads the models, hence the long wait).
 */
export async function ask(frame: Frame, text: string, nth: number) {
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill(text);
  await input.press('Enter');
  const answer = frame.locator('.log .msg-assistant').nth(nth);
  await expect(answer).toBeVisible({ timeout: 30_000 });
  return answer;
}
