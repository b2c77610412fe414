/**
 * The demo gift shop's answers, written for it in English and German: one or two sentences each, with
 * a link to the help page section where the visitor acts, and never a request for something the
 * widget cannot use (an order number, an email address). Paths become URLs on the shop's origin in
 * the page (pages.ts), as a site's own templates would carry its own URLs.
 */

/** One answer: text and the help page section it links to. */
type Answer = readonly [text: string, label: string, path: string];

/** English answers per intent of the shipped model. */
const EN: Readonly<Record<string, Answer>> = {
  cancel_order: [
    'You can cancel an order until it is dispatched, from your order page.',
    'Cancel an order',
    '/help#cancel',
  ],
  change_order: [
    'Orders can be changed until they are dispatched, from your order page.',
    'Change an order',
    '/help#change',
  ],
  change_shipping_address: [
    'You can change the delivery address until the order is dispatched, from your order page.',
    'Change the address',
    '/help#address',
  ],
  check_cancellation_fee: [
    'Cancelling is free until the order is dispatched.',
    'Cancellation',
    '/help#cancel',
  ],
  check_invoice: [
    'Every invoice is on your order page, next to its order.',
    'Find an invoice',
    '/help#invoices',
  ],
  check_payment_methods: [
    'We take Visa, Mastercard, Amex, PayPal and Apple Pay.',
    'Payment methods',
    '/help#payment',
  ],
  check_refund_policy: [
    'You can return anything unused within 30 days for a full refund; returns are free.',
    'Returns policy',
    '/help#returns',
  ],
  complaint: [
    "I'm sorry about that. Tell our team what went wrong and they will put it right.",
    'Contact the team',
    '/help#contact',
  ],
  contact_customer_service: [
    'Our team answers by email within a working day, Monday to Friday.',
    'Contact us',
    '/help#contact',
  ],
  contact_human_agent: ['A person from our team can take this over by email.', 'Contact us', '/help#contact'],
  create_account: [
    'Creating an account takes a minute and keeps your orders in one place.',
    'Create an account',
    '/help#account',
  ],
  delete_account: [
    'You can close your account at any time in Account settings; we then delete your details.',
    'Close my account',
    '/help#account',
  ],
  delivery_options: [
    'We deliver across the UK (standard or next day) and to the EU.',
    'Delivery options',
    '/help#delivery',
  ],
  delivery_period: [
    'Standard UK delivery takes 2 to 4 working days, next day is ordered by 2 pm, the EU 5 to 7 days.',
    'Delivery times',
    '/help#delivery',
  ],
  edit_account: [
    'You can change your name, email and phone number in Account settings.',
    'Account settings',
    '/help#account',
  ],
  get_invoice: [
    'Each invoice can be downloaded as a PDF from your order page.',
    'Download an invoice',
    '/help#invoices',
  ],
  get_refund: [
    'Start a return from your order page; the refund reaches your card within 5 days of the parcel arriving.',
    'Start a return',
    '/help#returns',
  ],
  newsletter_subscription: [
    'You can subscribe or unsubscribe at any time in Account settings.',
    'Newsletter',
    '/help#newsletter',
  ],
  payment_issue: [
    'If a payment failed, no money was taken; try again or use another method.',
    'Payment help',
    '/help#payment',
  ],
  place_order: [
    'Add items to your basket and check out; you can order without an account.',
    'How to order',
    '/help#order',
  ],
  recover_password: [
    'Use "Forgot password" on the sign-in page and we will email you a reset link.',
    'Reset my password',
    '/help#password',
  ],
  registration_problems: [
    'If signing up fails, check the confirmation email (and spam), or write to our team.',
    'Sign-up help',
    '/help#account',
  ],
  review: ['You can review any item you bought from its product page.', 'Write a review', '/help#reviews'],
  set_up_shipping_address: [
    'You can save several delivery addresses in Account settings.',
    'Addresses',
    '/help#address',
  ],
  switch_account: ['Sign out, then sign in with the other account.', 'Sign in', '/help#account'],
  track_order: [
    'Your order page shows where each parcel is, with its tracking link once dispatched.',
    'Track an order',
    '/help#tracking',
  ],
  track_refund: [
    'Refunds reach your card within 5 days of your return arriving; your order page shows its status.',
    'Refund status',
    '/help#returns',
  ],
};

/** German answers per intent. */
const DE: Readonly<Record<string, Answer>> = {
  cancel_order: [
    'Sie können eine Bestellung stornieren, bis sie versandt ist, unter „Ihre Bestellungen“.',
    'Bestellung stornieren',
    '/help#cancel',
  ],
  change_order: [
    'Bestellungen lassen sich bis zum Versand unter „Ihre Bestellungen“ ändern.',
    'Bestellung ändern',
    '/help#change',
  ],
  change_shipping_address: [
    'Die Lieferadresse können Sie bis zum Versand unter „Ihre Bestellungen“ ändern.',
    'Adresse ändern',
    '/help#address',
  ],
  check_cancellation_fee: ['Stornieren ist bis zum Versand kostenlos.', 'Stornierung', '/help#cancel'],
  check_invoice: [
    'Jede Rechnung finden Sie unter „Ihre Bestellungen“ neben der Bestellung.',
    'Rechnung finden',
    '/help#invoices',
  ],
  check_payment_methods: [
    'Wir akzeptieren Visa, Mastercard, Amex, PayPal und Apple Pay.',
    'Zahlungsarten',
    '/help#payment',
  ],
  check_refund_policy: [
    'Unbenutzte Artikel können Sie 30 Tage lang kostenlos zurückgeben und erhalten den vollen Betrag zurück.',
    'Rückgaberecht',
    '/help#returns',
  ],
  complaint: [
    'Das tut mir leid. Schreiben Sie unserem Team, was schiefgelaufen ist, wir bringen es in Ordnung.',
    'Team kontaktieren',
    '/help#contact',
  ],
  contact_customer_service: [
    'Unser Team antwortet per E-Mail innerhalb eines Werktags, montags bis freitags.',
    'Kontakt',
    '/help#contact',
  ],
  contact_human_agent: ['Jemand aus unserem Team übernimmt gern per E-Mail.', 'Kontakt', '/help#contact'],
  create_account: [
    'Ein Konto ist in einer Minute angelegt und hält Ihre Bestellungen beisammen.',
    'Konto anlegen',
    '/help#account',
  ],
  delete_account: [
    'Ihr Konto können Sie jederzeit in den Kontoeinstellungen schließen; wir löschen dann Ihre Daten.',
    'Konto schließen',
    '/help#account',
  ],
  delivery_options: [
    'Wir liefern im Vereinigten Königreich (Standard oder am nächsten Tag) und in die EU.',
    'Versandarten',
    '/help#delivery',
  ],
  delivery_period: [
    'In die EU dauert die Lieferung 5 bis 7 Werktage, im Vereinigten Königreich 2 bis 4.',
    'Lieferzeiten',
    '/help#delivery',
  ],
  edit_account: [
    'Name, E-Mail und Telefonnummer ändern Sie in den Kontoeinstellungen.',
    'Kontoeinstellungen',
    '/help#account',
  ],
  get_invoice: [
    'Jede Rechnung lässt sich unter „Ihre Bestellungen“ als PDF herunterladen.',
    'Rechnung herunterladen',
    '/help#invoices',
  ],
  get_refund: [
    'Starten Sie die Rücksendung unter „Ihre Bestellungen“; das Geld ist 5 Tage nach Eingang des Pakets auf Ihrer Karte.',
    'Rücksendung starten',
    '/help#returns',
  ],
  newsletter_subscription: [
    'Den Newsletter bestellen oder abbestellen Sie jederzeit in den Kontoeinstellungen.',
    'Newsletter',
    '/help#newsletter',
  ],
  payment_issue: [
    'Ist eine Zahlung fehlgeschlagen, wurde nichts abgebucht; versuchen Sie es erneut oder mit einer anderen Zahlungsart.',
    'Hilfe zur Zahlung',
    '/help#payment',
  ],
  place_order: [
    'Legen Sie Artikel in den Warenkorb und gehen Sie zur Kasse; ein Konto ist nicht nötig.',
    'So bestellen Sie',
    '/help#order',
  ],
  recover_password: [
    'Wählen Sie „Passwort vergessen“ bei der Anmeldung, wir senden Ihnen einen Link per E-Mail.',
    'Passwort zurücksetzen',
    '/help#password',
  ],
  registration_problems: [
    'Klappt die Anmeldung nicht, prüfen Sie die Bestätigungs-E-Mail (auch im Spam) oder schreiben Sie uns.',
    'Hilfe zur Anmeldung',
    '/help#account',
  ],
  review: [
    'Jeden gekauften Artikel können Sie auf seiner Produktseite bewerten.',
    'Bewertung schreiben',
    '/help#reviews',
  ],
  set_up_shipping_address: [
    'In den Kontoeinstellungen können Sie mehrere Lieferadressen speichern.',
    'Adressen',
    '/help#address',
  ],
  switch_account: ['Melden Sie sich ab und mit dem anderen Konto wieder an.', 'Anmelden', '/help#account'],
  track_order: [
    'Unter „Ihre Bestellungen“ sehen Sie, wo jedes Paket ist, mit dem Sendungslink ab Versand.',
    'Sendung verfolgen',
    '/help#tracking',
  ],
  track_refund: [
    'Die Erstattung ist 5 Tage nach Eingang Ihrer Rücksendung auf Ihrer Karte; den Stand zeigt „Ihre Bestellungen“.',
    'Stand der Erstattung',
    '/help#returns',
  ],
};

/**
 * Variants per kind of visitor (the segment's stable key, not its name, so a retrained model keeps
 * them): welcoming and pointing at popular gifts for someone browsing or new, short and with the
 * perks for a frequent buyer, "what's new" for someone who has not ordered in a while.
 */
const SEGMENT_VARIANTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  delivery_period: {
    browsing: 'Standard UK delivery takes 2 to 4 working days, and it is free on your first order over £20.',
    new: 'Standard UK delivery takes 2 to 4 working days; next day if you order by 2 pm.',
    frequent: '2–4 working days, or next day free for you as a regular.',
    lapsed: 'Still 2 to 4 working days in the UK, and next day is now available if you order by 2 pm.',
  },
  delivery_options: {
    frequent: 'Standard, next day (free for regulars) or EU delivery.',
  },
  place_order: {
    browsing: 'Add items to your basket and check out; new here? Our most popular gifts are just below.',
  },
};

/** The same in German; an intent without German variants gets none (not the English ones). */
const SEGMENT_VARIANTS_DE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  delivery_period: {
    browsing:
      'Die Lieferung in Deutschland dauert 5 bis 7 Werktage, ab 20 € ist Ihre erste Bestellung versandkostenfrei.',
    new: 'Die Lieferung dauert 5 bis 7 Werktage.',
    frequent: '5–7 Werktage; Expressversand ist für Stammkunden gratis.',
    lapsed: 'Weiterhin 5 bis 7 Werktage, neu ist der Expressversand.',
  },
  delivery_options: { frequent: 'Standard oder Express (für Stammkunden gratis).' },
  place_order: {
    browsing:
      'Legen Sie Artikel in den Warenkorb und gehen Sie zur Kasse; neu hier? Unten sind unsere beliebtesten Geschenke.',
  },
};

/** The greeting per kind of visitor; the default is for anyone else. */
const GREETING = {
  default: 'Hi! Can I help you find a gift, or answer a question about an order?',
  segments: {
    browsing:
      'Welcome to the Confide Gift Shop! Looking for a present? Our most popular gifts are below, or ask me.',
    new: 'Welcome back, and thanks for your first order! Can I help you find anything else?',
    frequent: 'Good to see you again. Next-day delivery is on us for regulars. What can I find for you?',
    lapsed: 'It’s been a while! New in: Christmas decorations and gift sets. Can I help you find something?',
  },
};

const GREETING_DE = {
  default:
    'Hallo! Kann ich Ihnen helfen, ein Geschenk zu finden, oder eine Frage zu einer Bestellung beantworten?',
  segments: {
    browsing:
      'Willkommen im Confide Gift Shop! Suchen Sie ein Geschenk? Unten sind unsere beliebtesten, oder fragen Sie mich.',
    new: 'Willkommen zurück und danke für Ihre erste Bestellung! Kann ich Ihnen noch etwas zeigen?',
    frequent:
      'Schön, Sie wiederzusehen. Expressversand ist für Stammkunden gratis. Was darf ich für Sie finden?',
    lapsed: 'Lange nicht gesehen! Neu: Weihnachtsdeko und Geschenksets. Kann ich Ihnen helfen?',
  },
};

// Every intent states its segments, empty where there are none, so a language's answers never
// fall back to another language's variants (locales merge over the base texts).
const intents = (answers: Readonly<Record<string, Answer>>, variants: typeof SEGMENT_VARIANTS) =>
  Object.fromEntries(
    Object.entries(answers).map(([name, [text, label, path]]) => [
      name,
      { default: text, link: { label, href: path }, segments: variants[name] ?? {} },
    ]),
  );

/** The help page sections the answers link to, with their headings (pages.ts renders them). */
export const HELP_SECTIONS: readonly (readonly [id: string, heading: string])[] = [
  ['order', 'Ordering'],
  ['tracking', 'Tracking an order'],
  ['delivery', 'Delivery'],
  ['cancel', 'Cancelling'],
  ['change', 'Changing an order'],
  ['address', 'Addresses'],
  ['returns', 'Returns and refunds'],
  ['payment', 'Payment'],
  ['invoices', 'Invoices'],
  ['account', 'Your account'],
  ['password', 'Passwords'],
  ['newsletter', 'Newsletter'],
  ['reviews', 'Reviews'],
  ['contact', 'Contact us'],
];

/**
 * The demo's `templates` option: English answers, German ones under `locales.de`, and texts for
 * the cases without an intent. Hrefs are paths until the page adds its origin.
 */
export const DEMO_TEMPLATES = {
  intents: intents(EN, SEGMENT_VARIANTS),
  greeting: GREETING,
  outOfScope:
    "Sorry, I can't help with that here. I can answer questions about orders, delivery, returns, payment and your account.",
  locales: {
    de: {
      intents: intents(DE, SEGMENT_VARIANTS_DE),
      greeting: GREETING_DE,
      handoffLabel: 'E-Mail an unser Team',
      outOfScope:
        'Dabei kann ich hier leider nicht helfen. Ich beantworte Fragen zu Bestellungen, Lieferung, Rückgabe, Zahlung und Ihrem Konto.',
    },
  },
} as const;
