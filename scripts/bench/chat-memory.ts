/**
 * What an opted-in visitor's widget holds in memory after a 20-message chat, in headless Chromium
 * against the real sync server, typed into the real frame: the frame's JS heap and the worker's JS
 * heap and ArrayBuffers, after a garbage collection. The frame is same-site with its host page, so it
 * shares the page's V8 heap: its share is the heap of a blank host page with Confide minus that of
 * the same page without it. onnxruntime-web's wasm linear memory is not visible from outside the
 * product's worker (`Runtime.queryObjects` on `WebAssembly.Memory` did not answer within a minute on
 * it); the bench worker, which loads the same runtime and the same three models and runs each 900
 * times, watches it, and the total adds that figure (scripts/bench.ts).
 */
import type { Browser, Page } from 'playwright';
import { SHOPPER_CHAT } from '../../test/bench/engine-workload';
import { attachWorker, heapOf } from './cdp-target';
import { median, round } from './stats';
import { withWidgetStack } from './widget-stack';

/** Messages typed into the chat. */
const MESSAGES = 20;
const MB = 1024 * 1024;

/** The memory figures, MB, and a new visitor's first answer, ms. */
export interface ChatMemory {
  /**
   * A new visitor's first message after declining personalization, Enter → answer on screen (median
   * of 3 fresh contexts each): sent the moment it was typed, and after a second of typing, during
   * which the worker loads the runtime and the intent model (`prepare`).
   */
  readonly firstAnswerMs: { readonly atOnce: number; readonly afterTyping: number };
  readonly messages: number;
  readonly frameHeapMB: number;
  readonly workerHeapMB: number;
  /** ArrayBuffer backing stores of the worker (tensors copied out, model bytes). */
  readonly workerArrayBuffersMB: number;
}

async function pageHeap(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

function hostPage(path: string, widgetUrl: string): string {
  const loader = path.startsWith('/chat')
    ? `<script async src="${widgetUrl}/confide.js" data-site="demo" data-greeting-delay="off"></script>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>${loader}</body></html>`;
}

/** Time a visitor takes to type a short question, before pressing Enter. */
const TYPING_MS = 1000;

/**
 * A new visitor opens the chat, declines personalization (so nothing is warmed for them) and asks:
 * ms from Enter to the answer on screen, after `typingMs` of typing.
 */
async function firstAnswer(page: Page, hostUrl: string, typingMs: number): Promise<number> {
  await page.goto(`${hostUrl}/chat`);
  const frame = page.frameLocator('iframe[data-confide-frame]');
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Reject all' }).click();
  const input = frame.getByRole('textbox', { name: 'Your message' });
  await input.fill(SHOPPER_CHAT[0] ?? 'hello');
  await new Promise((r) => setTimeout(r, typingMs));
  const started = Date.now();
  await input.press('Enter');
  await frame.locator('.log .msg-assistant').first().waitFor({ timeout: 30_000 });
  return Date.now() - started;
}

async function chat(page: Page): Promise<void> {
  const frame = page.frameLocator('iframe[data-confide-frame]');
  await frame.getByRole('button', { name: 'Open chat' }).click();
  await frame.getByRole('button', { name: 'Accept all' }).click();
  await frame.getByRole('list', { name: 'Recommended for you' }).waitFor({ timeout: 60_000 });
  const answers = frame.locator('.log .msg-assistant');
  const input = frame.getByRole('textbox', { name: 'Your message' });
  for (let i = 0; i < MESSAGES; i++) {
    const before = await answers.count();
    await input.fill(SHOPPER_CHAT[i % SHOPPER_CHAT.length] ?? 'hello');
    await input.press('Enter');
    await answers.nth(before).waitFor({ timeout: 30_000 });
  }
}

async function firstAnswers(browser: Browser, hostUrl: string, typingMs: number): Promise<number> {
  const runs: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await browser.newContext();
    try {
      runs.push(await firstAnswer(await context.newPage(), hostUrl, typingMs));
    } finally {
      await context.close();
    }
  }
  return median(runs);
}

async function measure(browser: Browser, hostUrl: string): Promise<ChatMemory> {
  const firstAnswerMs = {
    atOnce: await firstAnswers(browser, hostUrl, 0),
    afterTyping: await firstAnswers(browser, hostUrl, TYPING_MS),
  };
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${hostUrl}/bare`);
    const bare = await pageHeap(page);
    await page.goto(`${hostUrl}/chat`);
    await chat(page);
    const withFrame = await pageHeap(page);
    const worker = await attachWorker(browser, /\/assets\/worker-[^/]*\.js/);
    if (!worker) throw new Error('the widget worker is not running after the chat');
    try {
      const heap = await heapOf(worker, { gc: true });
      if (!heap) throw new Error('the worker heap could not be read');
      return {
        firstAnswerMs,
        messages: MESSAGES,
        frameHeapMB: round((withFrame - bare) / MB, 1),
        workerHeapMB: round(heap.usedJSHeapSize / MB, 1),
        workerArrayBuffersMB: round((heap.backingStorageSize ?? 0) / MB, 1),
      };
    } finally {
      await worker.detach();
    }
  } finally {
    await context.close();
  }
}

/** The chat's figures with the runtime's wasm memory added, and the total the budget is held to. */
export interface ChatMemoryTotal extends ChatMemory {
  /** onnxruntime-web's linear memory with the three models, as the bench worker measured it. */
  readonly wasmMB: number | null;
  /** Frame heap + worker heap + its ArrayBuffers + wasm memory; null when a part is unknown. */
  readonly totalMB: number | null;
}

/** Adds the wasm memory (bytes, from the bench worker) to the chat's figures. */
export function withWasm(memory: ChatMemory, wasmBytes: number | null | undefined): ChatMemoryTotal {
  const wasmMB = wasmBytes == null ? null : round(wasmBytes / MB, 1);
  const heaps = memory.frameHeapMB + memory.workerHeapMB + memory.workerArrayBuffersMB;
  return { ...memory, wasmMB, totalMB: wasmMB === null ? null : round(heaps + wasmMB, 1) };
}

/** Runs the chat and reads the memory; `log` gets the figures. */
export function benchChatMemory(log: (line: string) => void): Promise<ChatMemory> {
  return withWidgetStack(hostPage, async ({ browser, hostUrl }) => {
    const memory = await measure(browser, hostUrl);
    log(`  after a ${memory.messages}-message chat: ${JSON.stringify(memory)}`);
    return memory;
  });
}
