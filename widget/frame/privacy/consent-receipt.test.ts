import { describe, expect, it } from 'vitest';
import type { ConsentRecord } from '../../../worker/protocol';
import { consentReceipt, siteFromUrl } from './consent-receipt';
import { NOTICE, NOTICE_HISTORY, NOTICE_VERSION } from './notice';

const record: ConsentRecord = {
  personalize: true,
  share: false,
  notice: NOTICE_VERSION,
  at: Date.UTC(2026, 10, 22, 9, 30),
  source: 'cmp',
};
const ctx = { site: 'demo', widgetOrigin: 'http://127.0.0.1:8787', now: Date.UTC(2026, 10, 23) };

describe('consent receipt', () => {
  it('states the decision, its time and source, and quotes the notice in the visitor’s language', () => {
    const r = consentReceipt(record, { ...ctx, locale: 'de' });
    expect(r).toMatchObject({
      format: 'confide-consent-receipt/1',
      issuedAt: '2026-11-23T00:00:00.000Z',
      site: 'demo',
      decision: {
        personalize: true,
        share: false,
        decidedAt: '2026-11-22T09:30:00.000Z',
        decidedAtMs: record.at,
        source: 'cmp',
      },
      notice: { version: NOTICE_VERSION, locale: 'de', title: NOTICE.de.title, text: NOTICE.de.intro },
    });
    expect(r.notice.purposes.share).toBe(`${NOTICE.de.share}: ${NOTICE.de.shareDetail}`);
    expect(r.notice.changed).toBe(NOTICE_HISTORY.at(-1)?.changed.de);
  });

  it('names no change for a version it does not know', () => {
    expect(
      consentReceipt({ ...record, notice: 'unknown' }, { ...ctx, locale: 'en' }).notice.changed,
    ).toBeNull();
  });

  it('reads the site key from the frame URL', () => {
    expect(siteFromUrl('http://127.0.0.1:8787/frame.html?site=demo')).toBe('demo');
    expect(siteFromUrl('http://127.0.0.1:8787/frame.html')).toBeNull();
  });
});

describe('notice', () => {
  it('shows the newest version, and every version is distinct', () => {
    expect(NOTICE_VERSION).toBe(NOTICE_HISTORY.at(-1)?.version);
    expect(new Set(NOTICE_HISTORY.map((v) => v.version)).size).toBe(NOTICE_HISTORY.length);
  });

  it('is translated, not copied: every German line differs from the English one', () => {
    for (const key of Object.keys(NOTICE.en) as (keyof typeof NOTICE.en)[]) {
      expect(NOTICE.de[key], key).not.toBe(NOTICE.en[key]);
    }
    for (const v of NOTICE_HISTORY) expect(v.changed.de).not.toBe(v.changed.en);
  });
});
