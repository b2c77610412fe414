/**
 * The few icons the chat draws, inline so that no request and no font is needed. All are decorative:
 * the controls that hold them carry the accessible name.
 */

/** The ring and eyes every face shares. */
const FACE =
  'M12 2a10 10 0 1 0 0 20a10 10 0 1 0 0-20Zm0 1.8a8.2 8.2 0 1 1 0 16.4a8.2 8.2 0 1 1 0-16.4Z' +
  'M8.6 8.2a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3Zm6.8 0a1.5 1.5 0 1 0 0 3a1.5 1.5 0 1 0 0-3Z';

const PATHS = {
  chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2Zm3 6v2h2v-2H7Zm4 0v2h2v-2h-2Zm4 0v2h2v-2h-2Z',
  close: 'M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4Z',
  send: 'M3 20.5V14l9-2-9-2V3.5L22 12Z',
  up: 'M2 21h4V9H2v12Zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.4-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7.1.2-.7v-2Z',
  shield:
    'M12 2 4 5v6c0 5 3.4 9.7 8 11 4.6-1.3 8-6 8-11V5l-8-3Zm0 10h6c-.5 4.1-3.2 7.8-6 8.9V12H6V6.3l6-2.2V12Z',
  // Faces for the conversation's rating: a ring, two eyes and a mouth, drawn even-odd.
  unhappy: `${FACE}M7.8 17.6a4.2 4.2 0 0 1 8.4 0h-1.8a2.4 2.4 0 0 0-4.8 0Z`,
  neutral: `${FACE}M8 14.6h8v1.8H8Z`,
  happy: `${FACE}M7.5 13.6h9a4.5 4.5 0 0 1-9 0Z`,
} as const;

/** Icons whose holes come from the even-odd rule rather than from winding. */
const EVEN_ODD: ReadonlySet<string> = new Set(['unhappy', 'neutral', 'happy']);

/** Props of {@link Icon}. */
export interface IconProps {
  readonly name: keyof typeof PATHS;
  readonly size?: number;
  /** Turn upside down (thumbs down is thumbs up turned). */
  readonly flip?: boolean;
}

/** One decorative icon in the current text color. */
export function Icon({ name, size = 20, flip = false }: IconProps) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={size}
      height={size}
      aria-hidden="true"
      focusable="false"
      style={flip ? { transform: 'rotate(180deg)' } : undefined}
    >
      <path fill="currentColor" fill-rule={EVEN_ODD.has(name) ? 'evenodd' : undefined} d={PATHS[name]} />
    </svg>
  );
}
