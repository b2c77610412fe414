/**
 * What the frame shows about consent and privacy: the consent prompt, the privacy center (what is
 * kept, the budget, the receipt, export and delete) and the notice versions they quote.
 */

/** The first-run prompt: accept and reject equally prominent, or choose per purpose. */
export { ConsentPrompt, type ConsentPromptProps } from './consent-prompt';
/** The consent receipt the visitor can download. */
export { type ConsentReceipt, consentReceipt, RECEIPT_FORMAT } from './consent-receipt';
/** The notice texts and their versions; a new version asks again. */
export { NOTICE, NOTICE_HISTORY, NOTICE_VERSION, type NoticeVersion } from './notice';
/** The privacy center inside the panel. */
export { PrivacyCenter, type PrivacyCenterProps } from './privacy-center';
/** The visitor's latest decision in the widget, kept so a refusal outlasts the page. */
export {
  CHOICE_KEY,
  forgetChoice,
  readChoice,
  rememberChoice,
  syncChoice,
  type VisitorChoice,
} from './visitor-choice';
