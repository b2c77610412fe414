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
  /** Product search in the chat: `{query}` is what was searched for, `{title}` the item compared with. */
  readonly search: {
    readonly found: string;
    /** `{missing}`: the words no product has. */
    readonly partial: string;
    readonly cheaper: string;
    readonly similar: string;
    readonly none: string;
    readonly noneCheaper: string;
  };
  /** A stated preference, acknowledged: `{label}` is what the visitor said it is about. */
  readonly preference: { readonly like: string; readonly avoid: string; readonly recipient: string };
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
  search: {
    found: 'Here is what I found for “{query}”:',
    partial: 'I couldn’t find “{missing}”, but here is what I have for “{query}”:',
    cheaper: 'Here are cheaper ones:',
    similar: 'Here are some like {title}:',
    none: 'I couldn’t find “{query}” here. These are popular right now:',
    noneCheaper: 'That was already the cheapest I have for this. These are popular and cheaper:',
  },
  preference: {
    like: 'Noted: you like {label}. I’ll show those first.',
    avoid: 'Noted: no {label}. I’ll leave them out.',
    recipient: 'A present for your {label}: here are some ideas.',
  },
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
    search: {
      found: 'Das habe ich zu „{query}“ gefunden:',
      partial: '„{missing}“ habe ich nicht gefunden, aber das hier zu „{query}“:',
      cheaper: 'Hier sind günstigere:',
      similar: 'Ähnlich wie {title}:',
      none: 'Zu „{query}“ habe ich nichts gefunden. Das ist gerade beliebt:',
      noneCheaper: 'Das war schon das Günstigste dazu. Beliebt und günstiger:',
    },
    preference: {
      like: 'Notiert: Sie mögen {label}. Das zeige ich zuerst.',
      avoid: 'Notiert: kein {label}. Das lasse ich weg.',
      recipient: 'Ein Geschenk für {label}: hier ein paar Ideen.',
    },
  },
};

/** The primary language subtag (`de-AT` → `de`), lower case. */
export function baseLanguage(locale: string | undefined): string {
  return (locale ?? 'en').toLowerCase().split('-')[0] || 'en';
}
