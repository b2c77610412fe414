/**
 * Three dots while the worker composes an answer; screen readers hear the sentence instead.
 */

/** Props of {@link TypingIndicator}. */
export interface TypingIndicatorProps {
  readonly label: string;
}

/** The typing indicator (its dots move only when the visitor allows motion). */
export function TypingIndicator({ label }: TypingIndicatorProps) {
  return (
    <div class="typing" role="status">
      <span class="sr-only">{label}</span>
      <span class="dot" aria-hidden="true" />
      <span class="dot" aria-hidden="true" />
      <span class="dot" aria-hidden="true" />
    </div>
  );
}
