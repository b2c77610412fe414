/**
 * The consent notice: what the visitor agrees to, in every shipped locale, and its version. Changing
 * the text means adding an entry to {@link NOTICE_HISTORY}: the worker honours a stored consent only
 * under the version it was given for, so every visitor is asked again and told what changed.
 */
import type { Dictionary, Locale } from '../i18n';

/** One published version of the notice and, in one line per locale, what it changed. */
export interface NoticeVersion {
  readonly version: string;
  readonly changed: Readonly<Record<Locale, string>>;
}

/** Every published notice version, oldest first. The last one is shown. */
export const NOTICE_HISTORY: readonly NoticeVersion[] = [
  {
    version: '2026-11-22',
    changed: { en: 'First version of this notice.', de: 'Erste Fassung dieses Hinweises.' },
  },
  {
    version: '2026-11-22.2',
    changed: {
      en: 'New: a Privacy section where you can see, download and delete what this chat keeps.',
      de: 'Neu: ein Bereich „Datenschutz“, in dem Sie sehen, herunterladen und löschen können, was dieser Chat speichert.',
    },
  },
];

/** Version of the notice shown now; the controller hands it to the worker as `notice`. */
export const NOTICE_VERSION: string = NOTICE_HISTORY[NOTICE_HISTORY.length - 1]?.version ?? '';

/** Keys of the notice text. */
export type NoticeKey =
  | 'title'
  | 'intro'
  | 'personalize'
  | 'personalizeDetail'
  | 'share'
  | 'shareDetail'
  | 'shareNeedsPersonalize'
  | 'shareOffGpc';

/** The plain-language notice shown in the consent prompt and quoted in the receipt. */
export const NOTICE: Dictionary<NoticeKey> = {
  en: {
    title: 'Personalize this chat?',
    intro:
      'This chat can learn from what you browse and ask here to give better answers and suggestions. ' +
      'It does that on this device: nothing about you is sent anywhere unless you also allow anonymous ' +
      'statistics. You can change your mind or delete everything at any time under Privacy.',
    personalize: 'Personalize on this device',
    personalizeDetail:
      'Remember what I browse and ask here, on this device only, to tailor answers and suggestions.',
    share: 'Share anonymous statistics',
    shareDetail:
      'Send noise-protected counts, never my messages and never an identifier, to improve suggestions for everyone.',
    shareNeedsPersonalize: 'Needs personalization: the statistics are counted from what this device keeps.',
    shareOffGpc:
      'Off: your browser sends Global Privacy Control, which asks sites not to share your data. We respect it.',
  },
  de: {
    title: 'Diesen Chat personalisieren?',
    intro:
      'Dieser Chat kann aus dem lernen, was Sie hier ansehen und fragen, um Ihnen bessere Antworten und ' +
      'Vorschläge zu geben. Das geschieht auf diesem Gerät: Nichts über Sie wird irgendwohin gesendet, ' +
      'es sei denn, Sie erlauben zusätzlich anonyme Statistiken. Unter „Datenschutz“ können Sie Ihre ' +
      'Entscheidung jederzeit ändern oder alles löschen.',
    personalize: 'Auf diesem Gerät personalisieren',
    personalizeDetail:
      'Speichern, was ich hier ansehe und frage – nur auf diesem Gerät –, um Antworten und Vorschläge anzupassen.',
    share: 'Anonyme Statistiken teilen',
    shareDetail:
      'Verrauschte Zählwerte senden – nie meine Nachrichten, nie eine Kennung –, damit die Vorschläge für alle besser werden.',
    shareNeedsPersonalize:
      'Nur zusammen mit der Personalisierung: Die Statistiken werden aus dem gezählt, was dieses Gerät speichert.',
    shareOffGpc:
      'Aus: Ihr Browser sendet Global Privacy Control und bittet damit, Ihre Daten nicht weiterzugeben. Daran halten wir uns.',
  },
};
