/**
 * The public `confide(command, ...args)` function. Every call is checked; a bad call gets a console
 * warning that says what was wrong and is dropped. Nothing here ever throws into the host page.
 */

import type { PropValue } from '../../worker/protocol';
import { checkEvent } from '../../worker/protocol';

/** Recommended items as the host page hears of them. */
export type RecommendationListener = (items: readonly { id: string; title: string }[]) => void;
/** The visitor's segment as the host page hears of it. */
export type SegmentListener = (segment: { id: number; name: string }) => void;

/** The visitor's arm in one of the site's experiments, as the host page hears of it. */
export type ExperimentListener = (assignment: { experiment: string; variant: string }) => void;
/**
 * The outcome of `confide('export', fn)`: the widget asks the visitor, and the file downloads inside
 * the widget; the host page learns only whether it did, never the data.
 */
export type ExportListener = (result: { downloaded: boolean }) => void;
/** The events `confide('on', event, fn)` accepts. */
export type ListenerEvent = 'recommendation' | 'segment' | 'experiment';

/** What the command layer drives. */
export interface CommandTarget {
  /** `confide('init', options)`: site options, checked by the target. */
  init(options: unknown): void;
  track(type: string, props: Record<string, PropValue>): void;
  open(): void;
  close(): void;
  consent(personalize: boolean, share: boolean): void;
  /** Deletes everything the widget keeps about the visitor. */
  forget(): void;
  /** Offers the visitor a download of their data inside the widget; `fn` hears whether they took it. */
  export(fn: ExportListener): void;
  on(event: 'recommendation', fn: RecommendationListener): void;
  on(event: 'segment', fn: SegmentListener): void;
  on(event: 'experiment', fn: ExperimentListener): void;
}

/** Commands the public function accepts. */
export const COMMANDS = ['init', 'track', 'open', 'close', 'consent', 'forget', 'export', 'on'] as const;

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
    const [command, a, b] = Array.from(args);
    const problem = apply(target, command, a, b);
    if (problem) warn(problem);
  } catch (e) {
    warn(`internal error while handling a call: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Applies one call; returns a warning message when the call is malformed. */
function apply(target: CommandTarget, command: unknown, a: unknown, b: unknown): string | undefined {
  switch (command) {
    case 'init':
      target.init(a);
      return;
    case 'track': {
      const problem = checkEvent(a, b);
      if (problem) return `confide('track') ignored: ${problem}`;
      target.track(a as string, (b || {}) as Record<string, PropValue>);
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
    case 'forget':
      target.forget();
      return;
    case 'export':
      if (typeof a !== 'function') return `confide('export') ignored: expected a function`;
      target.export(a as ExportListener);
      return;
    case 'on':
      // One branch for every event keeps the loader small; the overloads above type each listener.
      if ((a === 'recommendation' || a === 'segment' || a === 'experiment') && typeof b === 'function')
        target.on(a as 'segment', b as SegmentListener);
      else return `confide('on') ignored: expected ('recommendation' | 'segment' | 'experiment', function)`;
      return;
    default:
      return `unknown command ${typeof command === 'string' ? `"${command.slice(0, 40)}"` : typeof command}; expected one of ${COMMANDS.join(', ')}`;
  }
}
