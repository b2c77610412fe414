/**
 * DevTools protocol calls into a worker target (Playwright opens CDP sessions on pages only): the
 * bench reads a worker's JS heap after a collection. Playwright's CDP sessions cannot address a
 * flattened child session, so this attaches the old way (`flatten: false`) and tunnels the commands
 * through `Target.sendMessageToTarget`.
 */
import type { Browser } from 'playwright';
import type { HeapSample } from '../../test/bench/protocol';

/** An attached worker target: send a method, get its result (null after `timeoutMs`, default 5 s). */
export interface TargetCalls {
  call(method: string, params?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
  detach(): Promise<void>;
}

/** Attaches to the first worker target whose URL matches `url`; null when there is none. */
export async function attachWorker(browser: Browser, url: RegExp): Promise<TargetCalls | null> {
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'worker' && url.test(t.url));
  if (!target) {
    await cdp.detach();
    return null;
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: target.targetId,
    flatten: false,
  });
  const answers = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const msg = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (msg.id !== undefined) answers.get(msg.id)?.(msg.result ?? null);
  });
  let next = 0;
  return {
    async call(method, params = {}, timeoutMs = 5000) {
      const id = ++next;
      const answer = new Promise<unknown>((resolve) => {
        setTimeout(() => resolve(null), timeoutMs);
        answers.set(id, resolve);
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      return answer;
    },
    detach: () => cdp.detach(),
  };
}

/** The target's heap after a garbage collection when `gc`; null when it could not be read. */
export async function heapOf(t: TargetCalls, { gc = false } = {}): Promise<HeapSample | null> {
  if (gc) await t.call('HeapProfiler.collectGarbage');
  const usage = (await t.call('Runtime.getHeapUsage')) as {
    usedSize: number;
    totalSize: number;
    backingStorageSize?: number;
  } | null;
  if (!usage) return null;
  return {
    usedJSHeapSize: usage.usedSize,
    totalJSHeapSize: usage.totalSize,
    ...(usage.backingStorageSize === undefined ? {} : { backingStorageSize: usage.backingStorageSize }),
  };
}
