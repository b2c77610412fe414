/**
 * Suggested replies under the latest answer; choosing one sends it as the visitor's message.
 */

/** Props of {@link QuickReplies}. */
export interface QuickRepliesProps {
  readonly replies: readonly string[];
  readonly label: string;
  readonly onChoose: (text: string) => void;
}

/** A row of reply buttons. */
export function QuickReplies({ replies, label, onChoose }: QuickRepliesProps) {
  if (replies.length === 0) return null;
  return (
    <fieldset class="quick">
      <legend class="sr-only">{label}</legend>
      {replies.map((r) => (
        <button key={r} type="button" class="chip" onClick={() => onChoose(r)}>
          {r}
        </button>
      ))}
    </fieldset>
  );
}
