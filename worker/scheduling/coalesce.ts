/**
 * Coalescing: a task that is triggered often (after every stored event, after every push of
 * recommendations) runs one call at a time, and triggers that arrive while it runs cause exactly
 * one more run afterwards. A burst therefore costs at most two runs, and the last run always sees
 * the latest state.
 */

/** A coalesced task: call it to trigger a run. */
export interface Coalesced {
  /** Triggers a run; resolves once a run that started after this call has finished. */
  (): Promise<void>;
  /** Stops for good: a run in progress finishes, nothing runs after it. */
  stop(): void;
}

/**
 * Wraps `task`. The task handles its own errors; a rejection is dropped here, so one failed run
 * never blocks the next.
 */
export function coalesce(task: () => Promise<unknown>): Coalesced {
  let running: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  let stopped = false;

  const run = (): Promise<void> => {
    const current = Promise.resolve()
      .then(task)
      .then(
        () => undefined,
        () => undefined,
      )
      .finally(() => {
        if (running === current) running = null;
      });
    running = current;
    return current;
  };

  const trigger = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (!running) return run();
    next ??= running.then(() => {
      next = null;
      return stopped ? undefined : run();
    });
    return next;
  };
  return Object.assign(trigger, {
    stop() {
      stopped = true;
    },
  });
}
