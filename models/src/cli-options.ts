/**
 * Flags shared by `npm run train` and `npm run evaluate`, parsed with node:util parseArgs in strict
 * mode so a typo is an error rather than a silently ignored option.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INTERACTION_SPEC, type InteractionSpec } from '../features/interactions';
import type { ProductColumns } from './catalog-file';
import { DEFAULT_ITEM_PATTERN } from './clean';
import { intFlag, listFlag, shareFlag } from './cli-flags';
import { DATA_DIR_VAR } from './data-dir';
import { type DataSource, DEFAULT_INTERACTIONS, REPO_ROOT, UCI_SOURCE } from './data-source';
import { UsageError } from './errors';
import { TIME_FORMATS, type TimeFormat } from './parse-time';
import type { ColumnMap } from './read-interactions';
import { DEFAULT_PRIORS_WEIGHT } from './recommend/server-priors';
import { DEFAULT_GRID, type TuneGrid } from './recommend/tune';

/** Default output folder: the committed default artifacts. */
export const DEFAULT_OUT_DIR = resolve(REPO_ROOT, 'models/artifacts');

/** Which model(s) a run trains or evaluates. */
export type Task = 'recommend' | 'segment' | 'intent' | 'all';

/** An intent data set given on the command line (`--task intent --train FILE ...`). */
export interface IntentSource {
  readonly train: string;
  readonly test?: string;
  readonly textCol: string;
  readonly labelCol: string;
  readonly answerCol?: string;
}

/** Everything a train or evaluate run needs. */
export interface RunConfig {
  readonly task: Task;
  /** Interactions for recommend and segment. */
  readonly source: DataSource;
  /** Whether `source` is the default UCI file (no --interactions). */
  readonly defaultSource: boolean;
  /** Optional product list (`--catalog`). */
  readonly productsFile?: string;
  /** Its columns as named by the `--catalog-*-col` flags; unnamed ones keep their default names. */
  readonly productColumns: ProductColumns;
  readonly currency: string;
  /** Recommender hyper-parameter candidates; single values fix them. */
  readonly grid: TuneGrid;
  readonly k: number;
  readonly seed: number;
  readonly outDir: string;
  readonly int8: boolean;
  readonly spec: InteractionSpec;
  readonly segment: { readonly kMin?: number; readonly kMax?: number };
  /** Custom intent data; absent = the shipped defaults (Bitext, plus the BANKING77 benchmark). */
  readonly intent?: IntentSource;
  /** The server's `GET /v1/priors` (a saved answer or its URL), blended into the recommender's popularity. */
  readonly priors?: { readonly source: string; readonly weight: number };
}

const OPTIONS = {
  task: { type: 'string' },
  interactions: { type: 'string' },
  catalog: { type: 'string' },
  'catalog-item-col': { type: 'string' },
  'catalog-title-col': { type: 'string' },
  'catalog-price-col': { type: 'string' },
  'catalog-category-col': { type: 'string' },
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
  lambda: { type: 'string' },
  'text-weight': { type: 'string' },
  'half-life': { type: 'string' },
  rank: { type: 'string' },
  neighbours: { type: 'string' },
  k: { type: 'string' },
  'k-min': { type: 'string' },
  'k-max': { type: 'string' },
  train: { type: 'string' },
  test: { type: 'string' },
  'text-col': { type: 'string' },
  'label-col': { type: 'string' },
  'answer-col': { type: 'string' },
  priors: { type: 'string' },
  'priors-weight': { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  'skip-int8': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const list = (xs: readonly number[]): string => xs.join(',');

/** Usage text for `command`. */
export function usage(command: 'train' | 'evaluate'): string {
  const g = DEFAULT_GRID;
  return `Usage: npm run ${command} -- [--task all|recommend|segment|intent] [--out DIR] [--seed 1] [--skip-int8]

recommend and segment (interaction data):
  [--interactions FILE --user-col C --item-col C --time-col C] [--qty-col C] [--price-col C]
  [--title-col C] [--invoice-col C] [--time-format auto|epoch-s|epoch-ms|iso] [--delimiter D]
  [--item-pattern REGEX]
recommend: [--catalog FILE.json|FILE.csv [--catalog-item-col id] [--catalog-title-col title]
  [--catalog-price-col price] [--catalog-category-col C]] [--currency GBP] [--k 10]
  [--items ${list(g.items)}] [--lambda ${list(g.lambda)}] [--text-weight ${list(g.textWeight)}]
  [--half-life ${list(g.halfLifeDays)}] [--rank ${list(g.rank)}] [--neighbours ${list(g.neighbours)}]
  [--priors PRIORS.json|URL [--priors-weight ${DEFAULT_PRIORS_WEIGHT}]]
  Each list is searched on a validation split of the training data (first value = starting point);
  a single value fixes the parameter. --rank 0 keeps the item-item matrix dense.
segment: [--k-min 3] [--k-max 8]
intent: [--train FILE --text-col C --label-col C] [--test FILE] [--answer-col C]

--task all (the default) trains recommend + segment on the interactions and the shipped intent
model on Bitext; evaluate also measures intent on the BANKING77 benchmark for report.json.
Without --interactions, recommend and segment use UCI Online Retail (${DEFAULT_INTERACTIONS}).
The built-in data sets are read from models/data, or from $${DATA_DIR_VAR} (same sub-folders) when set.
FILE may be plain or gzip CSV; the delimiter is detected from the header unless given.
--item-pattern: item ids that are products; rows with other ids are dropped. Only the built-in UCI
  data has a default, ${DEFAULT_ITEM_PATTERN.source} (its product codes; postage, fees and discounts
  have others): a file given with --interactions keeps every item unless --item-pattern is given.
--catalog: the site's product list, a CSV (or the objects of a JSON {"items": [...]}) with an id and
  optionally a title, price, category and description. The --catalog-*-col flags name those columns
  (matched ignoring case) and a named column must exist. The category joins the title and description
  in the item text that relates products to each other; catalog.json has no field for it.
A task's artifacts are merged into DIR/manifest.json (other models' entries are kept).
--priors: the sync server's GET /v1/priors?site=KEY, as a saved answer or the URL (item popularity
  among the site's visitors, LDP-noised and k-thresholded): blended with the purchase popularity, weight w, to
  choose and order the catalog and in the graph's popularity term.
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
  if (task !== 'recommend' && task !== 'segment' && task !== 'intent' && task !== 'all') {
    throw new UsageError(`unknown --task "${task}" (expected all, recommend, segment or intent)`);
  }
  const grid: TuneGrid = {
    items: listFlag('items', values.items, DEFAULT_GRID.items, 1),
    lambda: listFlag('lambda', values.lambda, DEFAULT_GRID.lambda, Number.MIN_VALUE, false),
    textWeight: listFlag('text-weight', values['text-weight'], DEFAULT_GRID.textWeight, 0, false),
    halfLifeDays: listFlag(
      'half-life',
      values['half-life'],
      DEFAULT_GRID.halfLifeDays,
      Number.MIN_VALUE,
      false,
    ),
    rank: listFlag('rank', values.rank, DEFAULT_GRID.rank, 0),
    neighbours: listFlag('neighbours', values.neighbours, DEFAULT_GRID.neighbours, 1),
  };
  const kMin = values['k-min'] === undefined ? undefined : intFlag('k-min', values['k-min'], 3, 2);
  const kMax = values['k-max'] === undefined ? undefined : intFlag('k-max', values['k-max'], 8, 2);
  return {
    task,
    ...interactionSource(values),
    ...productList(values),
    currency: values.currency ?? 'GBP',
    grid,
    k: intFlag('k', values.k, 10, 1),
    seed: intFlag('seed', values.seed, 1, 0),
    outDir: resolve(values.out ?? DEFAULT_OUT_DIR),
    int8: !values['skip-int8'],
    spec: DEFAULT_INTERACTION_SPEC,
    segment: { ...(kMin === undefined ? {} : { kMin }), ...(kMax === undefined ? {} : { kMax }) },
    ...intentSource(values),
    ...priorsSource(values),
  };
}

function priorsSource(values: Values): Pick<RunConfig, 'priors'> {
  const weight = shareFlag('priors-weight', values['priors-weight'], DEFAULT_PRIORS_WEIGHT);
  if (values.priors === undefined) {
    if (values['priors-weight'] !== undefined) throw new UsageError('--priors-weight needs --priors FILE');
    return {};
  }
  const source = /^https?:\/\//i.test(values.priors) ? values.priors : resolve(values.priors);
  return { priors: { source, weight } };
}

type Values = ReturnType<typeof parse>['values'];

function interactionSource(values: Values): { source: DataSource; defaultSource: boolean } {
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
  const columns = { ...(custom ? {} : UCI_SOURCE.columns) } as Record<string, string>;
  for (const [key, v] of Object.entries(given)) if (v !== undefined && v !== '') columns[key] = v;

  const timeFormat = values['time-format'];
  if (timeFormat !== undefined && !(TIME_FORMATS as readonly string[]).includes(timeFormat)) {
    throw new UsageError(`--time-format must be one of ${TIME_FORMATS.join(', ')}`);
  }
  const delimiter = values.delimiter === '\\t' ? '\t' : values.delimiter;
  if (delimiter !== undefined && delimiter.length !== 1)
    throw new UsageError('--delimiter must be one character');
  // The UCI product-code rule belongs to the UCI data; a site's ids are kept unless a pattern is given.
  let itemPattern = custom ? undefined : UCI_SOURCE.itemPattern;
  if (values['item-pattern'] !== undefined) {
    try {
      itemPattern = new RegExp(values['item-pattern']);
    } catch (err) {
      throw new UsageError(`--item-pattern is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  return {
    defaultSource: !custom,
    source: {
      file: values.interactions === undefined ? UCI_SOURCE.file : resolve(values.interactions),
      columns: columns as unknown as ColumnMap,
      ...(timeFormat === undefined ? {} : { timeFormat: timeFormat as TimeFormat }),
      ...(delimiter === undefined ? {} : { delimiter }),
      ...(itemPattern === undefined ? {} : { itemPattern }),
    },
  };
}

function productList(values: Values): Pick<RunConfig, 'productsFile' | 'productColumns'> {
  const named = {
    id: values['catalog-item-col'],
    title: values['catalog-title-col'],
    price: values['catalog-price-col'],
    category: values['catalog-category-col'],
  };
  const columns: Record<string, string> = {};
  for (const [key, name] of Object.entries(named)) {
    if (name === undefined) continue;
    const flag = `--catalog-${key === 'id' ? 'item' : key}-col`;
    if (values.catalog === undefined) throw new UsageError(`${flag} needs --catalog FILE (the product list)`);
    if (name.trim() === '') throw new UsageError(`${flag} needs a column name`);
    columns[key] = name.trim();
  }
  return {
    ...(values.catalog === undefined ? {} : { productsFile: resolve(values.catalog) }),
    productColumns: columns as ProductColumns,
  };
}

function intentSource(values: Values): { intent?: IntentSource } {
  const intentFlags = ['test', 'text-col', 'label-col', 'answer-col'] as const;
  if (values.train === undefined) {
    const stray = intentFlags.find((f) => values[f] !== undefined);
    if (stray) throw new UsageError(`--${stray} needs --train FILE (the intent training data)`);
    return {};
  }
  if (!values['text-col'] || !values['label-col']) {
    throw new UsageError('--train needs --text-col and --label-col (the columns holding text and intent)');
  }
  return {
    intent: {
      train: resolve(values.train),
      ...(values.test === undefined ? {} : { test: resolve(values.test) }),
      textCol: values['text-col'],
      labelCol: values['label-col'],
      ...(values['answer-col'] ? { answerCol: values['answer-col'] } : {}),
    },
  };
}

function parse(argv: readonly string[]) {
  return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false });
}
