/**
 * The closed state: one round button.
 */

/** Props of {@link Launcher}. */
export interface LauncherProps {
  readonly onOpen: () => void;
}

/** The launcher button. */
export function Launcher({ onOpen }: LauncherProps) {
  return (
    <button type="button" class="launcher" aria-label="Open chat" onClick={onOpen}>
      <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        <path
          fill="currentColor"
          d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6v2h2v-2H7Zm4 0v2h2v-2h-2Zm4 0v2h2v-2h-2Z"
        />
      </svg>
    </button>
  );
}
