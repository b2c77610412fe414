/**
 * Consent: the gate every event and every write passes (nothing is kept before `personalize`), and
 * the PII redaction applied to events and chat text before anything keeps or reads them.
 */

/** The gate in front of the store; the engine owns one. */
export { type ConsentGate, createConsentGate, type GateResult } from './consent-gate';
/** How decisions from the prompt, the API, consent managers, a webview and GPC are merged. */
export { type ConsentInput, resolveConsent } from './consent-rules';
/** Minimization: e-mail, phone, card and IBAN redaction. */
export { emptyCounts, ID_KEYS, type RedactionCounts, redactProps, redactText } from './redact';
