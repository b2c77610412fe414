/**
 * Schema migrations, kept in code (not files on disk) so the server bundles and starts from any
 * working directory. Each migration runs on SQLite and PostgreSQL; where the two disagree on a
 * type, the dialect is passed in rather than guessed from the connection.
 */
import type { Kysely, Migration, MigrationProvider } from 'kysely';

/** Which SQL engine the store talks to. */
export type DialectName = 'sqlite' | 'postgres';

// Migrations receive an untyped Kysely on purpose: they must describe the schema as it was when they
// were written, not as `Database` says it is today.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type AnyDb = Kysely<any>;

function initial(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('sites')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('origins', 'text', (c) => c.notNull())
        .addColumn('created_day', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('batches')
        .addColumn('batch', 'text', (c) => c.primaryKey())
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('reports', 'integer', (c) => c.notNull())
        .execute();

      // SQLite's `integer primary key` is the rowid alias (auto-assigned); PostgreSQL needs `serial`.
      const idType = dialect === 'postgres' ? 'serial' : 'integer';
      await db.schema
        .createTable('reports')
        .addColumn('id', idType, (c) => c.primaryKey())
        .addColumn('batch', 'text', (c) => c.notNull().references('batches.batch').onDelete('cascade'))
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('encoding', 'text', (c) => c.notNull())
        .addColumn('domain', 'integer', (c) => c.notNull())
        .addColumn('value', 'integer', (c) => c.notNull())
        .addColumn('epsilon', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
        .execute();

      // Aggregation reads one site's metric per day and model; retention deletes batches by day.
      await db.schema
        .createIndex('reports_site_day_metric')
        .on('reports')
        .columns(['site', 'day', 'metric', 'model'])
        .execute();
      // PostgreSQL does not index foreign keys itself; deleting a batch would scan reports without it.
      await db.schema.createIndex('reports_batch').on('reports').column('batch').execute();
      await db.schema.createIndex('batches_site_day').on('batches').columns(['site', 'day']).execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('reports').execute();
      await db.schema.dropTable('batches').execute();
      await db.schema.dropTable('sites').execute();
    },
  };
}

/** Sites gain their experiment specs (a JSON array), read by `GET /v1/experiments`. */
function siteExperiments(): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('sites').addColumn('experiments', 'text').execute();
    },
    async down(db: AnyDb) {
      await db.schema.alterTable('sites').dropColumn('experiments').execute();
    },
  };
}

/**
 * Issue 6: experiment reports name their experiment; count-mean-sketch reports get a table of their
 * own (their bits do not fit the categorical columns); admin bearer tokens are stored as SHA-256
 * hashes only.
 */
function sketchesAndAdmin(dialect: DialectName): Migration {
  return {
    async up(db: AnyDb) {
      await db.schema.alterTable('reports').addColumn('experiment', 'text').execute();
      const idType = dialect === 'postgres' ? 'serial' : 'integer';
      await db.schema
        .createTable('sketch_reports')
        .addColumn('id', idType, (c) => c.primaryKey())
        .addColumn('batch', 'text', (c) => c.notNull().references('batches.batch').onDelete('cascade'))
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('hashes', 'integer', (c) => c.notNull())
        .addColumn('buckets', 'integer', (c) => c.notNull())
        .addColumn('row_index', 'integer', (c) => c.notNull())
        .addColumn('bits', 'text', (c) => c.notNull())
        .addColumn('epsilon', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sketch_reports_site_day_metric')
        .on('sketch_reports')
        .columns(['site', 'day', 'metric', 'model'])
        .execute();
      await db.schema.createIndex('sketch_reports_batch').on('sketch_reports').column('batch').execute();
      await db.schema
        .createTable('admin_tokens')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('created_day', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('admin_tokens').execute();
      await db.schema.dropTable('sketch_reports').execute();
      await db.schema.alterTable('reports').dropColumn('experiment').execute();
    },
  };
}

/**
 * Daily roll-ups of count-mean-sketch reports: one integer tally per (site, day, model, metric, sketch
 * shape, epsilon) for days that can no longer receive reports, so dashboards and priors read a few
 * hundred kilobytes per day instead of every report's bits.
 */
function sketchTallies(dialect: DialectName): Migration {
  const binary = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('sketch_tallies')
        .addColumn('site', 'text', (c) => c.notNull())
        .addColumn('day', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('metric', 'text', (c) => c.notNull())
        .addColumn('hashes', 'integer', (c) => c.notNull())
        .addColumn('buckets', 'integer', (c) => c.notNull())
        .addColumn('epsilon', dialect === 'postgres' ? 'double precision' : 'real', (c) => c.notNull())
        .addColumn('reports', 'integer', (c) => c.notNull())
        .addColumn('row_reports', binary, (c) => c.notNull())
        .addColumn('ones', binary, (c) => c.notNull())
        .addPrimaryKeyConstraint('sketch_tallies_pk', [
          'site',
          'day',
          'model',
          'metric',
          'hashes',
          'buckets',
          'epsilon',
        ])
        .execute();
    },
    async down(db: AnyDb) {
      await db.schema.dropTable('sketch_tallies').execute();
    },
  };
}

/**
 * The in-code migration provider. Names sort lexically, so they carry a zero-padded sequence number;
 * later issues (LDP aggregates, rate limits, admin) append entries here and never edit old ones.
 */
export function migrationProvider(dialect: DialectName): MigrationProvider {
  return {
    async getMigrations() {
      return {
        '0001_initial': initial(dialect),
        '0002_site_experiments': siteExperiments(),
        '0003_sketches_and_admin': sketchesAndAdmin(dialect),
        '0004_sketch_tallies': sketchTallies(dialect),
      };
    },
  };
}
