/**
 * The consent notice. Changing its text means changing {@link NOTICE_VERSION}, which makes every
 * visitor's stored consent invalid and brings the prompt back.
 */

/** Version of the notice below. */
export const NOTICE_VERSION = '2026-11-22';

/** The plain-language notice shown in the consent prompt. */
export const NOTICE = {
  title: 'Personalize this chat?',
  intro: 'Everything stays on this device unless you choose to share anonymous statistics.',
  personalize: 'Remember what I browse here, on this device only, to tailor answers and suggestions.',
  share: 'Share anonymous, noise-protected statistics (never my messages or an identifier).',
} as const;
