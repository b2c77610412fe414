/**
 * The consent receipt: the visitor's own copy of what they decided, under which notice text, when and
 * how. It quotes the notice in the visitor's language so that the file stands on its own, and it holds
 * no identifier, because the device has none to give.
 */
import type { ConsentRecord, ConsentSource } from '../../../worker/protocol';
import type { Locale } from '../i18n';
import { NOTICE, NOTICE_HISTORY } from './notice';

/** Format tag of {@link ConsentReceipt}. */
export const RECEIPT_FORMAT = 'confide-consent-receipt/1';

/** The receipt document, as downloaded. */
export interface ConsentReceipt {
  readonly format: typeof RECEIPT_FORMAT;
  /** When the receipt was made (ISO 8601). */
  readonly issuedAt: string;
  /** The site key and the widget origin the decision applies to. */
  readonly site: string | null;
  readonly widgetOrigin: string;
  readonly decision: {
    readonly personalize: boolean;
    readonly share: boolean;
    /** ISO 8601 and epoch milliseconds, as the device recorded it. */
    readonly decidedAt: string;
    readonly decidedAtMs: number;
    readonly source: ConsentSource;
  };
  readonly notice: {
    readonly version: string;
    readonly locale: Locale;
    /**
     * The notice text in the visitor's language. The worker honours a consent only under the current
     * notice version, so this is the text the visitor decided on.
     */
    readonly title: string;
    readonly text: string;
    readonly purposes: {
      readonly personalize: string;
      readonly share: string;
    };
    /** What this version changed from the one before. */
    readonly changed: string | null;
  };
}

/** Where the receipt is issued. */
export interface ReceiptContext {
  readonly locale: Locale;
  readonly site: string | null;
  readonly widgetOrigin: string;
  readonly now: number;
}

/** Builds the receipt for `record`. */
export function consentReceipt(record: ConsentRecord, ctx: ReceiptContext): ConsentReceipt {
  const text = NOTICE[ctx.locale];
  const version = NOTICE_HISTORY.find((v) => v.version === record.notice);
  return {
    format: RECEIPT_FORMAT,
    issuedAt: new Date(ctx.now).toISOString(),
    site: ctx.site,
    widgetOrigin: ctx.widgetOrigin,
    decision: {
      personalize: record.personalize,
      share: record.share,
      decidedAt: new Date(record.at).toISOString(),
      decidedAtMs: record.at,
      source: record.source,
    },
    notice: {
      version: record.notice,
      locale: ctx.locale,
      title: text.title,
      text: text.intro,
      purposes: {
        personalize: `${text.personalize}: ${text.personalizeDetail}`,
        share: `${text.share}: ${text.shareDetail}`,
      },
      changed: version?.changed[ctx.locale] ?? null,
    },
  };
}

/** The site key from the frame's own URL (`frame.html?site=KEY`), which is all the frame knows of it. */
export function siteFromUrl(href: string): string | null {
  return new URL(href).searchParams.get('site');
}
