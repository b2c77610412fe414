/**
 * Flags shared by `npm run train` and `npm run evaluate`, parsed with node:util parseArgs in strict
 * mode so a typo is an error rather than a silently ignored option.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INTERACTION_SPEC, type InteractionSpec } from '../features/interactions';
import { DEFAULT_ITEM_PATTERN } from './clean';
import { type DataSource, DEFAULT_INTERACTIONS, REPO_ROOT, UCI_COLUMNS } from './data-source';
import { UsageError } from './errors';
import { TIME_FORMATS, type TimeFormat } from './parse-time';
import type { ColumnMap } from './read-interactions';

/** Default output folder: the committed default artifacts. */
export const DEFAULT_OUT_DIR = resolve(REPO_ROOT, 'models/artifacts');

/** Everything a train or evaluate run needs. */
export interface RunConfig {
  readonly task: 'recommend';
  readonly source: DataSource;
  /** Optional product list (`--catalog`). */
  readonly productsFile?: string;
  readonly currency: string;
  readonly items: number;
  readonly neighbours: number;
  readonly k: number;
  /** Recorded for reproducibility; item-kNN itself has no random step. */
  readonly seed: number;
  readonly outDir: string;
  readonly int8: boolean;
  readonly spec: InteractionSpec;
}

const OPTIONS = {
  task: { type: 'string' },
  interactions: { type: 'string' },
  catalog: { type: 'string' },
  'user-col': { type: 'string' },
  'item-col': { type: 'string' },
  'time-col': { type: 'string' },
  'qty-col': { type: 'string' },
  'price-col': { type: 'string' },
  'title-col': { type: 'string' },
  'invoice-col': { type: 'string' },
  'time-format': { type: 'string' },
  delimiter: { type: 'string' },
  'item-pattern': { type: 'string' },
  currency: { type: 'string' },
  items: { type: 'string' },
  neighbours: { type: 'string' },
  k: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'skip-int8': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Usage text for `command`. */
export function usage(command: 'train' | 'evaluate'): string {
  return `Usage: npm run ${command} -- [--task recommend|all] [--interactions FILE --user-col C --item-col C --time-col C]
  [--qty-col C] [--price-col C] [--title-col C] [--invoice-col C] [--time-format auto|epoch-s|epoch-ms|iso]
  [--delimiter D] [--item-pattern REGEX] [--catalog FILE.json|FILE.csv] [--currency GBP]
  [--items 200] [--neighbours 30] [--k 10] [--seed 1] [--skip-int8] [--out DIR]

Without --interactions, trains on UCI Online Retail (${DEFAULT_INTERACTIONS}).
FILE may be plain or gzip CSV; the delimiter is detected from the header unless given.
--item-pattern: item ids that are products (default ${DEFAULT_ITEM_PATTERN.source}); others are dropped.
--out defaults to ${DEFAULT_OUT_DIR}.`;
}

/** Parses argv (without the node/script entries). Returns `'help'` for -h/--help. */
export function parseRunArgs(argv: readonly string[]): RunConfig | 'help' {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const task = values.task ?? 'all';
  if (task === 'segment' || task === 'intent') {
    throw new UsageError(`--task ${task} is not implemented yet; only "recommend" (or "all") is`);
  }
  if (task !== 'recommend' && task !== 'all') throw new UsageError(`unknown --task "${task}"`);

  const custom = values.interactions !== undefined;
  const given: Partial<Record<keyof ColumnMap, string>> = {
    user: values['user-col'],
    item: values['item-col'],
    time: values['time-col'],
    quantity: values['qty-col'],
    price: values['price-col'],
    title: values['title-col'],
    invoice: values['invoice-col'],
  };
  for (const key of ['user', 'item', 'time'] as const) {
    if (custom && !given[key]) {
      throw new UsageError(`--interactions needs --${key}-col (the column holding the ${key})`);
    }
  }
  // Flags override the UCI names one by one; an unset flag must not erase the default.
  const columns = { ...(custom ? {} : UCI_COLUMNS) } as Record<string, string>;
  for (const [key, v] of Object.entries(given)) if (v !== undefined && v !== '') columns[key] = v;

  const timeFormat = values['time-format'];
  if (timeFormat !== undefined && !(TIME_FORMATS as readonly string[]).includes(timeFormat)) {
    throw new UsageError(`--time-format must be one of ${TIME_FORMATS.join(', ')}`);
  }
  const delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new UsageError('--delimiter must be one character');
  let itemPattern: RegExp | undefined;
  if (values['item-pattern'] !== undefined) {
    try {
      itemPattern = new RegExp(values['item-pattern']);
    } catch (err) {
      throw new UsageError(`--item-pattern is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  const source: DataSource = {
    file: resolve(values.interactions ?? DEFAULT_INTERACTIONS),
    columns: columns as unknown as ColumnMap,
    ...(timeFormat === undefined ? {} : { timeFormat: timeFormat as TimeFormat }),
    ...(delimiter === undefined ? {} : { delimiter }),
    ...(itemPattern === undefined ? {} : { itemPattern }),
  };
  return {
    task: 'recommend',
    source,
    ...(values.catalog === undefined ? {} : { productsFile: resolve(values.catalog) }),
    currency: values.currency ?? 'GBP',
    items: intFlag('items', values.items, 200, 1),
    neighbours: intFlag('neighbours', values.neighbours, 30, 1),
    k: intFlag('k', values.k, 10, 1),
    seed: intFlag('seed', values.seed, 1, 0),
    outDir: resolve(values.out ?? DEFAULT_OUT_DIR),
    int8: !values['skip-int8'],
    spec: DEFAULT_INTERACTION_SPEC,
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
}

function intFlag(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return v;
}
