/**
 * One button's asynchronous work in the privacy center: it disables the button while it runs and turns
 * a worker error into a sentence with the error's code, instead of failing silently.
 */
import { useRef, useState } from 'preact/hooks';

/** State and runner of {@link useTask}. */
export interface Task {
  readonly busy: boolean;
  /** The failed call's error code (`storage_unavailable`, …), or null. */
  readonly failed: string | null;
  /** Runs `fn` unless a run is under way; resolves to its result, or `undefined` when it failed. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
}

/** A task for one control. */
export function useTask(): Task {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  // A ref, not the state: two clicks within one render would both still see `busy` as false.
  const running = useRef(false);
  return {
    busy,
    failed,
    async run(fn) {
      if (running.current) return undefined;
      running.current = true;
      setBusy(true);
      setFailed(null);
      try {
        return await fn();
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        setFailed(typeof code === 'string' ? code : 'internal');
        console.warn('[confide] privacy center:', e);
        return undefined;
      } finally {
        running.current = false;
        setBusy(false);
      }
    },
  };
}
