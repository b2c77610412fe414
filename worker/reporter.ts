/**
 * What the device reports, with `share` granted: for now one noised item-popularity report per
 * worker (the last viewed catalog item under k-ary randomized response). The outbox, the epsilon
 * ledger and the other metrics belong to the sync client's own issue.
 */
import type { ConsentGate } from './consent-gate';
import type { ModelHub } from './model-hub';
import { canSpend, currentLedger, spend } from './privacy-ledger';
import type { SyncResult } from './protocol';
import { categoricalReport, sendReports } from './sync-client';

/** The reporter. */
export interface Reporter {
  sync(hub: ModelHub): Promise<SyncResult>;
}

/** Creates the reporter for one gate. */
export function createReporter(gate: ConsentGate): Reporter {
  let synced = false;
  return {
    async sync(hub) {
      const config = gate.config();
      const store = gate.maybeStore();
      if (!gate.consent?.share || !store) return { sent: 0, skipped: 'consent' };
      if (synced) return { sent: 0, skipped: 'empty' };
      const [manifest, catalog] = await Promise.all([hub.manifest(), hub.catalog()]);
      const index = new Map(catalog.items.map((item, i) => [item.id, i]));
      const viewed = (await store.events())
        .filter((e) => e.type === 'item_view' && typeof e.props.item === 'string')
        .map((e) => index.get(e.props.item as string))
        .filter((i): i is number => i !== undefined);
      const last = viewed.at(-1);
      if (last === undefined) return { sent: 0, skipped: 'empty' };
      const now = Date.now();
      const ledger = currentLedger(await store.getState('ledger'), now);
      const report = categoricalReport('item_popularity', last, catalog.items.length);
      // Today's budget spent: nothing more leaves the device until the next UTC day.
      if (!canSpend(ledger, report.epsilon)) return { sent: 0, skipped: 'budget' };
      await sendReports(config.serverUrl, config.site, manifest.version, [report]);
      await store.putState('ledger', spend(ledger, [report.epsilon]));
      synced = true;
      return { sent: 1 };
    },
  };
}
