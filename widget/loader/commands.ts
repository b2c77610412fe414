/**
 * The public `confide(command, ...args)` function. Every call is checked; a bad call gets a console
 * warning that says what was wrong and is dropped. Nothing here ever throws into the host page.
 */

import { checkEvent } from '../../worker/event-rules';
import type { PropValue } from '../../worker/protocol';

/** What the command layer drives. */
export interface CommandTarget {
  track(type: string, props: Record<string, PropValue>): void;
  open(): void;
  close(): void;
  consent(personalize: boolean, share: boolean): void;
  on(event: 'recommendation', fn: (items: readonly { id: string; title: string }[]) => void): void;
}

/** Commands the public function accepts. */
export const COMMANDS = ['track', 'open', 'close', 'consent', 'on'] as const;

/** Prints a warning attributed to Confide. */
export function warn(message: string): void {
  try {
    console.warn(`[confide] ${message}`);
  } catch {
    // A host page may have replaced console; staying silent beats throwing.
  }
}

/** Validates one call and forwards it. Returns nothing; problems become warnings. */
export function dispatch(target: CommandTarget, args: ArrayLike<unknown>): void {
  try {
    run(target, Array.from(args));
  } catch (e) {
    warn(`internal error while handling a call: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function run(target: CommandTarget, [command, a, b]: unknown[]): void {
  const problem = apply(target, command, a, b);
  if (problem) warn(problem);
}

/** Applies one call; returns a warning message when the call is malformed. */
function apply(target: CommandTarget, command: unknown, a: unknown, b: unknown): string | undefined {
  switch (command) {
    case 'track': {
      const problem = checkEvent(a, b);
      if (problem) return `confide('track') ignored: ${problem}`;
      target.track(a as string, (b ?? {}) as Record<string, PropValue>);
      return;
    }
    case 'open':
      target.open();
      return;
    case 'close':
      target.close();
      return;
    case 'consent': {
      const c = a as { personalize?: unknown; share?: unknown } | null;
      if (
        typeof c !== 'object' ||
        c === null ||
        typeof c.personalize !== 'boolean' ||
        typeof c.share !== 'boolean'
      ) {
        return `confide('consent') ignored: expected {personalize: boolean, share: boolean}`;
      }
      target.consent(c.personalize, c.share);
      return;
    }
    case 'on':
      if (a !== 'recommendation' || typeof b !== 'function') {
        return `confide('on') ignored: expected ('recommendation', function)`;
      }
      target.on(a, b as (items: readonly { id: string; title: string }[]) => void);
      return;
    default:
      return `unknown command ${typeof command === 'string' ? `"${command.slice(0, 40)}"` : typeof command}; expected one of ${COMMANDS.join(', ')}`;
  }
}
