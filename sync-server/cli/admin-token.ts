/**
 * `npm run admin:token -- <label> [--replace]`: creates an admin token for the sync server's database
 * (DATABASE_URL, or the SQLite file CONFIDE_DB), prints it once on stdout and stores only its hash.
 * `--replace` revokes the tokens already under that label first (e.g. after a leak).
 * `npm run admin:token -- --print-only`: prints a fresh token and stores nothing, for
 * CONFIDE_ADMIN_TOKEN, which the server hashes and stores itself at startup.
 */

import * as v from 'valibot';
import { tokenLabelSchema } from '../protocol/admin';
import { configFromEnv } from '../src/app';
import { hashAdminToken, newAdminToken, utcDay } from '../src/routes';
import { openStore } from '../src/store';

const USAGE = 'usage: npm run admin:token -- <label> [--replace]   |   npm run admin:token -- --print-only';

async function main(args: readonly string[]): Promise<number> {
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const [label, ...extra] = args.filter((a) => !a.startsWith('--'));
  const unknown = [...flags].filter((f) => f !== '--replace' && f !== '--print-only');
  if (unknown.length > 0 || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  if (flags.has('--print-only')) {
    console.log(newAdminToken());
    return 0;
  }
  if (label === undefined || !v.is(tokenLabelSchema, label)) {
    console.error(`${USAGE}\n(label: 1-64 of [A-Za-z0-9_.-])`);
    return 2;
  }

  const config = configFromEnv(process.env);
  const store = await openStore({
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath }),
    log: (m) => console.error(m),
  });
  try {
    await store.migrate();
    const token = newAdminToken();
    const day = utcDay(new Date());
    if (flags.has('--replace')) {
      await store.replaceAdminToken(hashAdminToken(token), label, day);
    } else if (!(await store.addLabelledAdminToken(hashAdminToken(token), label, day))) {
      console.error(`a token labelled "${label}" exists; choose another label or pass --replace`);
      return 1;
    }
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${config.sqlitePath}`;
    console.error(`Admin token "${label}" stored (hash only) in ${where}. It is shown once:`);
    console.log(token);
    return 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`admin:token failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
