/**
 * The closed state: one round button, with a badge counting messages that arrived while closed.
 */
import type { Ref } from 'preact';
import type { ChatKey, Translate } from './i18n';
import { Icon } from './icons';

/** Props of {@link Launcher}. */
export interface LauncherProps {
  readonly onOpen: () => void;
  readonly unread: number;
  readonly t: Translate<ChatKey>;
  readonly buttonRef?: Ref<HTMLButtonElement>;
}

/** The launcher button. */
export function Launcher({ onOpen, unread, t, buttonRef }: LauncherProps) {
  return (
    <button
      ref={buttonRef}
      type="button"
      class="launcher"
      aria-label={unread > 0 ? t('openUnread', { n: unread }) : t('open')}
      onClick={onOpen}
    >
      <Icon name="chat" size={28} />
      {unread > 0 && (
        <span class="badge" aria-hidden="true" data-unread={unread}>
          {unread > 9 ? '9+' : unread}
        </span>
      )}
    </button>
  );
}
