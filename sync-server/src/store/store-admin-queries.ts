/**
 * The store's admin queries (site keys and origins, admin tokens), kept apart from `store.ts` so the
 * store class stays a thin dispatcher. Nothing here runs on the report path.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from './db-types';
import type { DialectName } from './migrations';
import type { AdminTokenInfo } from './records';
import { toSiteRecord } from './records';

/** Refiles a site's rows under a new key; returns how many batches moved. */
export async function moveRows(trx: Kysely<Database>, oldKey: string, newKey: string): Promise<number> {
  const batches = await trx
    .updateTable('batches')
    .set({ site: newKey })
    .where('site', '=', oldKey)
    .executeTakeFirst();
  await trx.updateTable('reports').set({ site: newKey }).where('site', '=', oldKey).execute();
  await trx.updateTable('sketch_reports').set({ site: newKey }).where('site', '=', oldKey).execute();
  await trx.updateTable('sketch_tallies').set({ site: newKey }).where('site', '=', oldKey).execute();
  return Number(batches.numUpdatedRows);
}

/** Whether any site lists this exact origin. */
export async function anySiteAllows(
  db: Kysely<Database>,
  dialect: DialectName,
  origin: string,
): Promise<boolean> {
  // A substring test narrows the scan to candidate rows inside the database; the exact check on the
  // parsed list then rules out an origin that is only a prefix of a listed one.
  const needle = JSON.stringify(origin);
  const contains =
    dialect === 'postgres'
      ? sql<boolean>`strpos(origins, ${needle}) > 0`
      : sql<boolean>`instr(origins, ${needle}) > 0`;
  const rows = await db.selectFrom('sites').selectAll().where(contains).execute();
  return rows.some((row) => toSiteRecord(row).origins.includes(origin));
}

/** Every token's label and day, oldest first. */
export async function listAdminTokens(db: Kysely<Database>): Promise<AdminTokenInfo[]> {
  const rows = await db
    .selectFrom('admin_tokens')
    .select(['label', 'created_day'])
    .orderBy('created_day')
    .orderBy('label')
    .execute();
  return rows.map((r) => ({ label: r.label, createdDay: r.created_day }));
}

/** Adds a token under a label no other token has; false when the label is taken. */
export function addLabelledAdminToken(
  db: Kysely<Database>,
  hash: string,
  label: string,
  day: string,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('admin_tokens')
      .select('hash')
      .where('label', '=', label)
      .executeTakeFirst();
    if (taken) return false;
    await trx.insertInto('admin_tokens').values({ hash, label, created_day: day }).execute();
    return true;
  });
}

/** Makes `hash` the only token under `label`. */
export async function replaceAdminToken(
  db: Kysely<Database>,
  hash: string,
  label: string,
  day: string,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('admin_tokens').where('label', '=', label).execute();
    await trx
      .insertInto('admin_tokens')
      .values({ hash, label, created_day: day })
      .onConflict((oc) => oc.column('hash').doUpdateSet({ label, created_day: day }))
      .execute();
  });
}

/** Deletes every token under `label` unless none would remain (`last`); 0 when none has it. */
export function deleteAdminTokens(
  db: Kysely<Database>,
  dialect: DialectName,
  label: string,
): Promise<number | 'last'> {
  return db.transaction().execute(async (trx) => {
    let all = trx.selectFrom('admin_tokens').select(['hash', 'label']);
    // Locks every token row, so two concurrent deletes (on any instance) cannot each see the
    // other's token remaining and together delete the last ones.
    if (dialect === 'postgres') all = all.forUpdate();
    const rows = await all.execute();
    const doomed = rows.filter((r) => r.label === label).length;
    if (doomed === 0) return 0;
    if (doomed === rows.length) return 'last';
    await trx.deleteFrom('admin_tokens').where('label', '=', label).execute();
    return doomed;
  });
}
