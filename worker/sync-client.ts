/**
 * Sends privacy-protected reports to the sync server. Each report is noised on the device (k-ary
 * randomized response) and the whole batch is checked against the shared schema before it is sent,
 * so a bug here cannot put anything on the wire the server's schema would not accept.
 */

import { parseReportBatch, type Report, type ReportBatch } from '../sync-server/protocol';
import { krrEncode } from '../sync-server/protocol/krr';
import { SyncError, ValidationError } from './errors';

/** Per-report privacy loss used until the budget ledger lands. */
export const DEFAULT_EPSILON = 1;

/** Builds one noised categorical report. */
export function categoricalReport(
  metric: Report['metric'],
  value: number,
  domain: number,
  epsilon = DEFAULT_EPSILON,
): Report {
  return { metric, encoding: 'krr', domain, value: krrEncode(value, domain, epsilon), epsilon };
}

function uuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Validates and POSTs one batch; throws `SyncError` when the server refuses or is unreachable. */
export async function sendReports(
  serverUrl: string,
  site: string,
  model: string,
  reports: Report[],
): Promise<ReportBatch> {
  const parsed = parseReportBatch({ site, batch: uuid(), schema: 1, model, reports });
  if (!parsed.ok) {
    throw new ValidationError(
      'invalid_argument',
      `refusing to send an invalid batch: ${parsed.issues[0]?.message}`,
    );
  }
  let res: Response;
  try {
    res = await fetch(`${serverUrl.replace(/\/$/, '')}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(parsed.batch),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      keepalive: true,
    });
  } catch (e) {
    throw new SyncError('network', `could not reach the sync server: ${(e as Error).message}`);
  }
  if (!res.ok) {
    const text = await res.text().catch(() => '');
    throw new SyncError('server_rejected', `the sync server answered ${res.status}: ${text.slice(0, 200)}`);
  }
  return parsed.batch;
}
