/**
 * The texts the widget says when the site has not written its own, in each language the widget ships
 * (the frame's `en` and `de`). Short on purpose, and never asking for what the widget cannot use.
 */

/** One language's built-in texts. */
export interface BuiltInTexts {
  readonly clarify: string;
  readonly handoff: string;
  /** Out of scope and no person to hand off to. */
  readonly outOfScope: string;
  /** For an intent without an answer of its own in this language. */
  readonly answer: string;
  /** The proactive greeting when nothing is known about the visitor. */
  readonly greeting: string;
  /** A message in a language the intent model does not read. */
  readonly otherLanguage: string;
}

/** English, the default. */
export const DEFAULT_TEXTS: BuiltInTexts = {
  clarify: "I'm not quite sure what you mean. Is it one of these?",
  handoff: "I'll pass you to a person from our team, who can help with this.",
  outOfScope:
    "Sorry, I can't help with that here. I can answer questions about orders, delivery, returns and " +
    'refunds, payments and your account.',
  answer: 'I can help with that. Could you tell me a little more about what you need?',
  greeting: 'Hi! Can I help you find something, or answer a question about an order?',
  otherLanguage: 'Sorry, I can only read English so far. A person from our team can help you.',
};

/** The built-in texts per language. */
export const BUILT_IN_TEXTS: Readonly<Record<string, BuiltInTexts>> = {
  en: DEFAULT_TEXTS,
  de: {
    clarify: 'Ich bin nicht ganz sicher, was Sie meinen. Ist es eines davon?',
    handoff: 'Ich verbinde Sie mit jemandem aus unserem Team, der Ihnen dabei hilft.',
    outOfScope:
      'Dabei kann ich hier leider nicht helfen. Ich beantworte Fragen zu Bestellungen, Lieferung, ' +
      'Rückgabe und Erstattung, Zahlung und Ihrem Konto.',
    answer: 'Dabei helfe ich gern. Können Sie mir etwas genauer sagen, worum es geht?',
    greeting:
      'Hallo! Kann ich Ihnen helfen, etwas zu finden, oder eine Frage zu einer Bestellung beantworten?',
    otherLanguage:
      'Ich verstehe bisher leider nur Englisch. Jemand aus unserem Team hilft Ihnen gern auf Deutsch weiter.',
  },
};

/** The primary language subtag (`de-AT` → `de`), lower case. */
export function baseLanguage(locale: string | undefined): string {
  return (locale ?? 'en').toLowerCase().split('-')[0] || 'en';
}
