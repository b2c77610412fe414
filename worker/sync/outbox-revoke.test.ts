/**
 * Revocation wins a race: a flush already under way re-checks, right before each POST, that its
 * batch is still in the outbox and that the caller still may send, so revoking `share` during a
 * flush (in this tab, or in another tab sharing the outbox) sends nothing more.
 */
import { describe, expect, it } from 'vitest';
import { queueBatches, useOutboxFixture } from '../../test/support/outbox-fixture';
import { openStore } from '../storage';
import { flushOutbox } from './outbox';

const clock = 1_700_000_000_000;
const opts = { now: () => clock, locks: null, online: () => true } as const;
const t = useOutboxFixture();
const queue = (n: number) => queueBatches(t.store, n, clock);

describe('revoking share during a flush', () => {
  it('sends nothing more once share is revoked during a flush of several batches', async () => {
    const entries = await queue(4);
    let share = true;
    const revokingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      // The visitor revokes while the first POST is answered.
      share = false;
      return res;
    };
    const out = await flushOutbox(t.store.outbox, t.server.url, {
      ...opts,
      fetch: revokingFetch,
      canSend: () => share,
    });
    expect(out).toEqual({ sent: 1, rejected: 0, pending: 3, skipped: 'consent' });
    expect(t.server.bodies).toEqual([entries[0]?.body]);
    // A flush started after the revocation sends nothing either.
    expect(await flushOutbox(t.store.outbox, t.server.url, { ...opts, canSend: () => share })).toMatchObject({
      sent: 0,
      skipped: 'consent',
    });
    expect(t.server.bodies).toHaveLength(1);
  });

  it('sends nothing more once another tab revoked share and emptied the outbox during a flush', async () => {
    const entries = await queue(3);
    const otherTab = await openStore({ create: false });
    if (!otherTab) throw new Error('database gone');
    const revokingFetch: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      // This tab's consent never hears of it; only the shared outbox does.
      await otherTab.outbox.clear();
      return res;
    };
    try {
      expect(await flushOutbox(t.store.outbox, t.server.url, { ...opts, fetch: revokingFetch })).toEqual({
        sent: 1,
        rejected: 0,
        pending: 0,
      });
      expect(t.server.bodies).toEqual([entries[0]?.body]);
    } finally {
      otherTab.close();
    }
  });
});
