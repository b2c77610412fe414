/**
 * The chat's strings: launcher, panel, composer, messages, cards and feedback. The worker's answers
 * come from the site's templates; only the frame's own words live here.
 */
import type { Dictionary } from './translate';

/** Keys of the chat dictionary. */
export type ChatKey =
  | 'title'
  | 'open'
  | 'openUnread'
  | 'close'
  | 'privacy'
  | 'starting'
  | 'conversation'
  | 'hint'
  | 'inputLabel'
  | 'send'
  | 'typing'
  | 'introPersonal'
  | 'introNeutral'
  | 'memoryOnly'
  | 'thinking'
  | 'recsLabel'
  | 'why'
  | 'like'
  | 'dislike'
  | 'helpful'
  | 'notHelpful'
  | 'thanks'
  | 'quickReplies'
  | 'handoff'
  | 'handoffIntro'
  | 'failed'
  | 'unavailable'
  | 'newMessage'
  | 'you'
  | 'assistant'
  | 'why_personal'
  | 'why_segment'
  | 'why_priors'
  | 'why_catalog'
  | 'why_search'
  | 'moreLike'
  | 'escalateFailed'
  | 'escalateDown'
  | 'escalateSummaryMail'
  | 'escalateSummaryCopy'
  | 'escalateSubject'
  | 'rateQuestion'
  | 'rateUnhappy'
  | 'rateNeutral'
  | 'rateHappy'
  | 'rateThanks';

/** English and German. */
export const CHAT: Dictionary<ChatKey> = {
  en: {
    title: 'Chat',
    open: 'Open chat',
    openUnread: 'Open chat, {n} new message',
    close: 'Close chat',
    privacy: 'Privacy',
    starting: 'Starting…',
    conversation: 'Conversation',
    hint: 'Ask me anything…',
    inputLabel: 'Your message',
    send: 'Send',
    typing: 'The assistant is typing',
    introPersonal: 'Hi! Here is what I picked for you based on what you browsed.',
    introNeutral: 'Understood: nothing about your visit is stored or shared. How can I help?',
    memoryOnly:
      'Your browser does not let this chat keep data here, so I will forget everything when you leave this page.',
    thinking: 'Thinking…',
    recsLabel: 'Recommended for you',
    why: 'Why am I seeing this?',
    like: 'More like {item}',
    dislike: 'Less like {item}',
    helpful: 'Helpful answer',
    notHelpful: 'Not a helpful answer',
    thanks: 'Thanks for your feedback.',
    quickReplies: 'Suggested replies',
    handoff: 'Talk to a person',
    handoffIntro: 'You can reach a person here:',
    failed: 'Sorry, that did not work. Please try again.',
    unavailable: 'Personal suggestions are unavailable right now.',
    newMessage: 'New message: {text}',
    you: 'You',
    assistant: 'Assistant',
    why_personal: 'Picked from what you looked at in this shop.',
    why_segment: 'Popular with shoppers like you.',
    why_priors: 'Popular in this shop right now.',
    why_catalog: 'One of the shop’s best-known products.',
    why_search: 'Matches what you asked for.',
    moreLike: 'More like this',
    escalateFailed: 'I don’t seem to be helping. Would you like to ask a person from our team?',
    escalateDown: 'Sorry that didn’t help. Would you like to ask a person from our team?',
    escalateSummaryMail:
      'What your e-mail will say (edit it as you like; nothing is sent until you send it):',
    escalateSummaryCopy: 'A summary you can copy for our team (nothing is sent from here):',
    escalateSubject: 'Question from the shop chat',
    rateQuestion: 'How is this chat going?',
    rateUnhappy: 'Not happy with this chat',
    rateNeutral: 'This chat was okay',
    rateHappy: 'Happy with this chat',
    rateThanks: 'Thanks for rating this chat.',
  },
  de: {
    title: 'Chat',
    open: 'Chat öffnen',
    openUnread: 'Chat öffnen, {n} neue Nachricht',
    close: 'Chat schließen',
    privacy: 'Datenschutz',
    starting: 'Wird gestartet …',
    conversation: 'Unterhaltung',
    hint: 'Fragen Sie mich etwas …',
    inputLabel: 'Ihre Nachricht',
    send: 'Senden',
    typing: 'Der Assistent schreibt',
    introPersonal: 'Hallo! Das habe ich anhand Ihrer Besuche für Sie ausgesucht.',
    introNeutral: 'Verstanden: Von Ihrem Besuch wird nichts gespeichert oder geteilt. Wie kann ich helfen?',
    memoryOnly:
      'Ihr Browser erlaubt diesem Chat nicht, hier Daten zu speichern. Ich vergesse alles, sobald Sie die Seite verlassen.',
    thinking: 'Einen Moment …',
    recsLabel: 'Für Sie empfohlen',
    why: 'Warum sehe ich das?',
    like: 'Mehr wie {item}',
    dislike: 'Weniger wie {item}',
    helpful: 'Hilfreiche Antwort',
    notHelpful: 'Keine hilfreiche Antwort',
    thanks: 'Danke für Ihr Feedback.',
    quickReplies: 'Antwortvorschläge',
    handoff: 'Mit einem Menschen sprechen',
    handoffIntro: 'Hier erreichen Sie einen Menschen:',
    failed: 'Das hat leider nicht geklappt. Bitte versuchen Sie es noch einmal.',
    unavailable: 'Persönliche Vorschläge sind gerade nicht verfügbar.',
    newMessage: 'Neue Nachricht: {text}',
    you: 'Sie',
    assistant: 'Assistent',
    why_personal: 'Ausgewählt nach dem, was Sie sich in diesem Shop angesehen haben.',
    why_segment: 'Beliebt bei Kundinnen und Kunden wie Ihnen.',
    why_priors: 'Gerade beliebt in diesem Shop.',
    why_catalog: 'Eines der bekanntesten Produkte des Shops.',
    why_search: 'Passt zu Ihrer Frage.',
    moreLike: 'Mehr davon',
    escalateFailed: 'Ich scheine nicht weiterzuhelfen. Möchten Sie jemanden aus unserem Team fragen?',
    escalateDown: 'Schade, dass das nicht geholfen hat. Möchten Sie jemanden aus unserem Team fragen?',
    escalateSummaryMail:
      'Das steht in Ihrer E-Mail (ändern Sie es gern; gesendet wird erst, wenn Sie senden):',
    escalateSummaryCopy: 'Eine Zusammenfassung zum Kopieren für unser Team (von hier wird nichts gesendet):',
    escalateSubject: 'Frage aus dem Shop-Chat',
    rateQuestion: 'Wie hilfreich ist dieser Chat?',
    rateUnhappy: 'Unzufrieden mit diesem Chat',
    rateNeutral: 'Der Chat war in Ordnung',
    rateHappy: 'Zufrieden mit diesem Chat',
    rateThanks: 'Danke für Ihre Bewertung.',
  },
};
