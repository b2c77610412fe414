/**
 * The public `confide(command, ...args)` function. Every call is checked; a bad call gets a console
 * warning that says what was wrong and is dropped. Nothing here ever throws into the host page.
 */
import type { PropValue } from '../../worker/protocol';
import { checkEvent } from '../../worker/event-rules';

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
  switch (command) {
    case 'track': {
      const problem = checkEvent(a, b);
      if (problem) return warn(`confide('track') ignored: ${problem}`);
      return target.track(a as string, (b ?? {}) as Record<string, PropValue>);
    }
    case 'open':
      return target.open();
    case 'close':
      return target.close();
    case 'consent': {
      const c = a as { personalize?: unknown; share?: unknown } | null;
      if (typeof c !== 'object' || c === null || typeof c.personalize !== 'boolean' || typeof c.share !== 'boolean') {
        return warn(`confide('consent') ignored: expected {personalize: boolean, share: boolean}`);
      }
      return target.consent(c.personalize, c.share);
    }
    case 'on':
      if (a !== 'recommendation' || typeof b !== 'function') {
        return warn(`confide('on') ignored: expected ('recommendation', function)`);
      }
      return target.on(a, b as (items: readonly { id: string; title: string }[]) => void);
    default:
      return warn(
        `unknown command ${typeof command === 'string' ? `"${command.slice(0, 40)}"` : typeof command}; expected one of ${COMMANDS.join(', ')}`,
      );
  }
}
