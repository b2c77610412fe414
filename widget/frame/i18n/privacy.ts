/**
 * Strings of the consent prompt and the privacy center. The notice itself (what the visitor agrees
 * to) is versioned and lives in `../notice.ts`; these are the controls and explanations around it.
 * German uses the formal "Sie", as German shops do.
 */
import type { Dictionary } from './translate';

/** Keys of {@link PRIVACY}. */
export type PrivacyKey =
  | 'openPrivacy'
  | 'purposesLegend'
  | 'rejectAll'
  | 'acceptAll'
  | 'saveChoices'
  | 'noticeChanged'
  | 'whatChanged'
  | 'noticeVersion'
  | 'title'
  | 'close'
  | 'keptTitle'
  | 'storageIndexeddb'
  | 'storageMemory'
  | 'storageNone'
  | 'storesLabel'
  | 'storeEvents'
  | 'storeMessages'
  | 'storeDerived'
  | 'storeKeys'
  | 'storeCachedModels'
  | 'segmentTitle'
  | 'segmentIs'
  | 'segmentNone'
  | 'segmentOff'
  | 'segmentWhy'
  | 'segmentRule'
  | 'segmentModel'
  | 'prefsTitle'
  | 'prefsNone'
  | 'prefsLike'
  | 'prefsAvoid'
  | 'prefsRecipient'
  | 'prefsDelete'
  | 'prefsNote'
  | 'consentTitle'
  | 'consentNone'
  | 'allowed'
  | 'notAllowed'
  | 'noticeLabel'
  | 'decidedAt'
  | 'sourceLabel'
  | 'sourcePrompt'
  | 'sourceApi'
  | 'sourceGpc'
  | 'sourceCmp'
  | 'sourceWebview'
  | 'receipt'
  | 'changeTitle'
  | 'saveChanges'
  | 'revokeWarning'
  | 'saved'
  | 'exportTitle'
  | 'exportText'
  | 'exportButton'
  | 'exportAsked'
  | 'refusalKept'
  | 'exportAskedText'
  | 'exportDecline'
  | 'budgetTitle'
  | 'budgetOff'
  | 'budgetUnavailable'
  | 'budgetMeter'
  | 'budgetToday'
  | 'budgetReports'
  | 'budgetSpent'
  | 'epsilonExplained'
  | 'deleteTitle'
  | 'deleteText'
  | 'deleteButton'
  | 'deleteConfirm'
  | 'deleteYes'
  | 'cancel'
  | 'deleted'
  | 'failed'
  | 'working';

/** The dictionary. Keep `acceptAll`, `rejectAll` and `saveChoices` in English as they are: specs click them by name. */
export const PRIVACY: Dictionary<PrivacyKey> = {
  en: {
    openPrivacy: 'Privacy',
    purposesLegend: 'What may this chat do?',
    rejectAll: 'Reject all',
    acceptAll: 'Accept all',
    saveChoices: 'Save my choices',
    noticeChanged: 'Our notice changed since you last decided',
    whatChanged: 'What changed: {change}',
    noticeVersion: 'Notice version {version}',
    title: 'Privacy and your data',
    close: 'Back to chat',
    keptTitle: 'What is kept on this device',
    storageIndexeddb:
      'Kept in this browser’s storage for this chat until you delete it; old events expire automatically.',
    storageMemory:
      'Kept in memory only: this browser does not let the chat store data, so everything is gone when you leave the page.',
    storageNone: 'Nothing is kept on this device.',
    storesLabel: 'Records per store',
    storeEvents: 'Events (pages, products, basket)',
    storeMessages: 'Chat messages (encrypted)',
    storeDerived: 'Derived records (profile, feedback, experiments)',
    storeKeys: 'Encryption keys',
    storeCachedModels: 'Cached model files',
    segmentTitle: 'How this chat sees you',
    segmentIs: 'Your group: {name}',
    segmentNone: 'No group yet: one appears after you browse a little with personalization on.',
    segmentOff: 'None: personalization is off.',
    segmentWhy: 'Why: {reason}',
    segmentRule: 'Chosen by a fixed rule.',
    segmentModel: 'Chosen by the model on this device ({confidence} sure).',
    prefsTitle: 'What you told the chat you like',
    prefsNone: 'Nothing yet. Say “I prefer …” or “I don’t like …” in the chat.',
    prefsLike: 'You like: {label}',
    prefsAvoid: 'You don’t want: {label}',
    prefsRecipient: 'Shopping for: {label}',
    prefsDelete: 'Delete “{label}”',
    prefsNote: 'Kept on this device only and never sent anywhere.',
    consentTitle: 'Your consent',
    consentNone: 'You have not decided yet.',
    allowed: 'allowed',
    notAllowed: 'not allowed',
    noticeLabel: 'Notice version',
    decidedAt: 'Decided',
    sourceLabel: 'Given through',
    sourcePrompt: 'this chat’s prompt',
    sourceApi: 'the website',
    sourceGpc: 'your browser’s Global Privacy Control',
    sourceCmp: 'the website’s consent manager',
    sourceWebview: 'the app',
    receipt: 'Download receipt (JSON)',
    changeTitle: 'Change your choices',
    saveChanges: 'Save changes',
    revokeWarning: 'Turning personalization off deletes everything kept on this device.',
    saved: 'Your choices are saved.',
    exportTitle: 'Your data',
    exportText: 'Everything this chat keeps about you, your messages included, as one JSON file.',
    exportButton: 'Download my data (JSON)',
    refusalKept:
      'Only your decision itself is kept in this browser (no identifier), so that the website cannot switch personalization back on without you.',
    exportAsked: 'This site asks you for a copy of your data',
    exportAskedText:
      'If you agree, the file is saved on this device, by this chat. The site only learns whether you downloaded it, never what is in it.',
    exportDecline: 'Not now',
    budgetTitle: 'Shared statistics',
    budgetOff: 'Sharing is off, so nothing is sent.',
    budgetUnavailable:
      'Nothing is shared from this browser: it keeps the chat in memory only, so the daily limit on what is shared could not be kept.',
    budgetMeter: 'Privacy budget used today',
    budgetToday: 'Privacy budget used today: ε {spent} of {budget}.',
    budgetReports: 'Reports sent: {count}.',
    budgetSpent: 'Today’s budget is used up; nothing more is sent until tomorrow.',
    epsilonExplained:
      'Epsilon (ε) caps how much anyone could learn about you from the noisy reports: the lower it is, the better your privacy.',
    deleteTitle: 'Delete everything',
    deleteText:
      'Removes events, profile, chat messages, keys, cached models and your consent from this device.',
    deleteButton: 'Delete everything',
    deleteConfirm: 'Delete everything from this device? This cannot be undone.',
    deleteYes: 'Yes, delete everything',
    cancel: 'Cancel',
    deleted: 'Everything was deleted. This device keeps nothing from this chat.',
    failed: 'That did not work ({code}). Please try again.',
    working: 'Working…',
  },
  de: {
    openPrivacy: 'Datenschutz',
    purposesLegend: 'Was darf dieser Chat?',
    rejectAll: 'Alle ablehnen',
    acceptAll: 'Alle akzeptieren',
    saveChoices: 'Auswahl speichern',
    noticeChanged: 'Unser Hinweis hat sich seit Ihrer letzten Entscheidung geändert',
    whatChanged: 'Was sich geändert hat: {change}',
    noticeVersion: 'Fassung des Hinweises: {version}',
    title: 'Datenschutz und Ihre Daten',
    close: 'Zurück zum Chat',
    keptTitle: 'Was auf diesem Gerät gespeichert ist',
    storageIndexeddb:
      'Im Speicher dieses Browsers für diesen Chat, bis Sie es löschen; alte Ereignisse verfallen automatisch.',
    storageMemory:
      'Nur im Arbeitsspeicher: Dieser Browser lässt den Chat nichts speichern, deshalb ist alles weg, sobald Sie die Seite verlassen.',
    storageNone: 'Auf diesem Gerät ist nichts gespeichert.',
    storesLabel: 'Einträge je Speicherort',
    storeEvents: 'Ereignisse (Seiten, Produkte, Warenkorb)',
    storeMessages: 'Chatnachrichten (verschlüsselt)',
    storeDerived: 'Abgeleitete Daten (Profil, Bewertungen, Experimente)',
    storeKeys: 'Schlüssel für die Verschlüsselung',
    storeCachedModels: 'Zwischengespeicherte Modelldateien',
    segmentTitle: 'Wie dieser Chat Sie einordnet',
    segmentIs: 'Ihre Gruppe: {name}',
    segmentNone:
      'Noch keine Gruppe: Sie entsteht, sobald Sie mit eingeschalteter Personalisierung etwas stöbern.',
    segmentOff: 'Keine: Die Personalisierung ist ausgeschaltet.',
    segmentWhy: 'Grund: {reason}',
    segmentRule: 'Nach einer festen Regel gewählt.',
    segmentModel: 'Vom Modell auf diesem Gerät gewählt (zu {confidence} sicher).',
    prefsTitle: 'Was Sie dem Chat über Ihre Vorlieben gesagt haben',
    prefsNone: 'Noch nichts. Sagen Sie im Chat z. B. „I prefer …“ oder „I don’t like …“.',
    prefsLike: 'Sie mögen: {label}',
    prefsAvoid: 'Sie möchten nicht: {label}',
    prefsRecipient: 'Geschenk für: {label}',
    prefsDelete: '„{label}“ löschen',
    prefsNote: 'Nur auf diesem Gerät gespeichert und nirgendwohin gesendet.',
    consentTitle: 'Ihre Einwilligung',
    consentNone: 'Sie haben noch nicht entschieden.',
    allowed: 'erlaubt',
    notAllowed: 'nicht erlaubt',
    noticeLabel: 'Fassung des Hinweises',
    decidedAt: 'Entschieden am',
    sourceLabel: 'Erteilt über',
    sourcePrompt: 'die Abfrage in diesem Chat',
    sourceApi: 'die Website',
    sourceGpc: 'Global Privacy Control Ihres Browsers',
    sourceCmp: 'das Einwilligungs-Tool der Website',
    sourceWebview: 'die App',
    receipt: 'Nachweis herunterladen (JSON)',
    changeTitle: 'Auswahl ändern',
    saveChanges: 'Änderungen speichern',
    revokeWarning:
      'Wenn Sie die Personalisierung ausschalten, wird alles gelöscht, was auf diesem Gerät gespeichert ist.',
    saved: 'Ihre Auswahl ist gespeichert.',
    exportTitle: 'Ihre Daten',
    exportText:
      'Alles, was dieser Chat über Sie speichert, einschließlich Ihrer Nachrichten, in einer JSON-Datei.',
    exportButton: 'Meine Daten herunterladen (JSON)',
    refusalKept:
      'Nur Ihre Entscheidung selbst bleibt in diesem Browser gespeichert (ohne Kennung), damit die Website die Personalisierung nicht ohne Sie wieder einschalten kann.',
    exportAsked: 'Diese Website bittet Sie um eine Kopie Ihrer Daten',
    exportAskedText:
      'Wenn Sie zustimmen, speichert dieser Chat die Datei auf diesem Gerät. Die Website erfährt nur, ob Sie sie heruntergeladen haben, nie ihren Inhalt.',
    exportDecline: 'Jetzt nicht',
    budgetTitle: 'Geteilte Statistiken',
    budgetOff: 'Teilen ist ausgeschaltet, deshalb wird nichts gesendet.',
    budgetUnavailable:
      'Aus diesem Browser wird nichts geteilt: Er hält den Chat nur im Speicher, daher ließe sich die tägliche Grenze für Geteiltes nicht einhalten.',
    budgetMeter: 'Heute verbrauchtes Datenschutzbudget',
    budgetToday: 'Heute verbrauchtes Datenschutzbudget: ε {spent} von {budget}.',
    budgetReports: 'Gesendete Berichte: {count}.',
    budgetSpent: 'Das heutige Budget ist aufgebraucht; bis morgen wird nichts mehr gesendet.',
    epsilonExplained:
      'Epsilon (ε) begrenzt, wie viel irgendjemand aus den verrauschten Berichten über Sie erfahren könnte: Je kleiner es ist, desto besser ist Ihre Privatsphäre geschützt.',
    deleteTitle: 'Alles löschen',
    deleteText:
      'Entfernt Ereignisse, Profil, Chatnachrichten, Schlüssel, zwischengespeicherte Modelle und Ihre Einwilligung von diesem Gerät.',
    deleteButton: 'Alles löschen',
    deleteConfirm: 'Wirklich alles von diesem Gerät löschen? Das lässt sich nicht rückgängig machen.',
    deleteYes: 'Ja, alles löschen',
    cancel: 'Abbrechen',
    deleted: 'Alles wurde gelöscht. Dieses Gerät speichert nichts mehr aus diesem Chat.',
    failed: 'Das hat nicht geklappt ({code}). Bitte versuchen Sie es noch einmal.',
    working: 'Einen Moment …',
  },
};
