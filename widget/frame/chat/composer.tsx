/**
 * The message box: a labelled text field and a send button. Enter sends (the form submits); the field
 * keeps focus so the visitor can go on typing.
 */
import type { Ref } from 'preact';
import { useState } from 'preact/hooks';
import { MAX_CHAT_CHARS } from '../../../worker/protocol';
import type { ChatKey, Translate } from '../i18n';
import { Icon } from '../icons';

/** Props of {@link Composer}. */
export interface ComposerProps {
  readonly t: Translate<ChatKey>;
  readonly onSend: (text: string) => void;
  /** The visitor typed (called on every input; the controller acts on the first). */
  readonly onTyping?: () => void;
  readonly inputRef?: Ref<HTMLInputElement>;
}

/** The composer form. */
export function Composer({ t, onSend, onTyping, inputRef }: ComposerProps) {
  const [text, setText] = useState('');
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        if (!text.trim()) return;
        onSend(text);
        setText('');
      }}
    >
      <label class="sr-only" for="confide-input">
        {t('inputLabel')}
      </label>
      <span class="field">
        <input
          ref={inputRef}
          id="confide-input"
          type="text"
          autocomplete="off"
          enterkeyhint="send"
          maxLength={MAX_CHAT_CHARS}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            onTyping?.();
          }}
        />
        {/* A visible hint while the field is empty; the label above names the field for assistive tech. */}
        {text === '' && (
          <span class="hint" aria-hidden="true">
            {t('hint')}
          </span>
        )}
      </span>
      <button type="submit" class="send" aria-label={t('send')}>
        <Icon name="send" />
      </button>
    </form>
  );
}
