/**
 * The consent prompt: two purposes, both off by default; "Accept all" and "Reject all" side by side
 * with the same weight, so refusing takes exactly as much effort as agreeing.
 */
import { useState } from 'preact/hooks';
import type { ConsentPurposes } from '../../worker/protocol';
import { NOTICE } from './notice';

/** Props of {@link ConsentPrompt}. */
export interface ConsentPromptProps {
  readonly onDecide: (purposes: ConsentPurposes) => void;
  readonly gpc: boolean;
}

/** Asks for the two purposes. */
export function ConsentPrompt({ onDecide, gpc }: ConsentPromptProps) {
  const [personalize, setPersonalize] = useState(false);
  const [share, setShare] = useState(false);
  return (
    <section class="consent" aria-labelledby="consent-title">
      <h2 id="consent-title">{NOTICE.title}</h2>
      <p>{NOTICE.intro}</p>
      <label class="purpose">
        <input
          type="checkbox"
          name="personalize"
          checked={personalize}
          onChange={(e) => {
            const on = e.currentTarget.checked;
            setPersonalize(on);
            if (!on) setShare(false);
          }}
        />
        <span>{NOTICE.personalize}</span>
      </label>
      <label class="purpose">
        <input
          type="checkbox"
          name="share"
          checked={share}
          disabled={!personalize || gpc}
          onChange={(e) => setShare(e.currentTarget.checked)}
        />
        <span>
          {NOTICE.share}
          {gpc ? ' (off: your browser sends Global Privacy Control)' : ''}
        </span>
      </label>
      <div class="actions">
        <button type="button" onClick={() => onDecide({ personalize: false, share: false })}>
          Reject all
        </button>
        <button type="button" onClick={() => onDecide({ personalize: true, share: !gpc })}>
          Accept all
        </button>
      </div>
      <button type="button" class="link" onClick={() => onDecide({ personalize, share })}>
        Save my choices
      </button>
    </section>
  );
}
