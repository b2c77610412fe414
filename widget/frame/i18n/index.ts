/**
 * The frame's languages: English and German ship; a locale is picked from the site's option, the
 * host page's language and the browser's, in that order.
 */

/** The chat's texts. */
export { CHAT, type ChatKey } from './chat';
/** The privacy center's and the prompt's texts. */
export { PRIVACY, type PrivacyKey } from './privacy';
/** Locales, dictionaries and the translator built from one. */
export {
  type Dictionary,
  LOCALES,
  type Locale,
  pickLocale,
  type Translate,
  translator,
} from './translate';
