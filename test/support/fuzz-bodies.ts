/**
 * Seeded generators of hostile `POST /v1/reports` bodies for the fuzz test: mutations of a valid
 * batch, random JSON and random bytes. Everything derives from one 32-bit seed, so a failing case
 * is reproduced by rerunning with the printed seed.
 */
import { DAILY_METRICS, FEEDBACK_GROUP, inFeedbackGroup } from '../../sync-server/protocol/index';
import { FUZZ_EXPERIMENTS, hex, type Json, type Rng, tableReport } from './fuzz-table';
import { SERVED_MODEL } from './server-stores';

export { FUZZ_EXPERIMENTS, type Json, Rng } from './fuzz-table';

/** The table's metrics that name no experiment. */
const METRIC_NAMES: readonly string[] = DAILY_METRICS.filter((m) => m !== 'experiment_conversion');
const NASTY_STRINGS = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  'null',
  'true',
  '0',
  '-1',
  'hello, I am a free-text note about my day',
  "'); drop table reports; --",
  '<script>alert(1)</script>',
  '\u0000',
  '\ud800',
  '👍🏽 emoji',
  '__proto__',
  'constructor',
  'demo ',
  'DEMO',
  '00000000-0000-0000-0000-000000000000',
];
const NASTY_NUMBERS = [0, -0, -1, 1.5, 2 ** 31, 2 ** 53 + 2, -(2 ** 53), 1e308, 5e-324, 9, 8.000001, 10_001];

/**
 * A schema-valid report: most often exactly as the metric table says, otherwise with random in-range
 * values the schema allows and the table refuses (any domain and epsilon, small sketches, exposures).
 */
export function validReport(rng: Rng): { [key: string]: Json } {
  if (rng.next() < 0.6) return tableReport(rng, rng.pick([...DAILY_METRICS]));
  const roll = rng.int(10);
  const epsilon = rng.pick([0.1, 0.5, 1, 2, 8]);
  if (roll === 0) {
    const buckets = 8 * (1 + rng.int(16));
    const hashes = 1 + rng.int(64);
    return {
      metric: 'item_popularity',
      encoding: 'cms',
      hashes,
      buckets,
      row: rng.int(hashes),
      bits: hex(rng, buckets / 4),
      epsilon,
    };
  }
  const domain = 2 + rng.int(300);
  const report: { [key: string]: Json } = { metric: rng.pick(METRIC_NAMES), encoding: 'krr', domain };
  report.value = rng.int(domain);
  report.epsilon = epsilon;
  if (roll === 1) {
    report.metric = rng.pick(['experiment_exposure', 'experiment_conversion']);
    report.experiment = rng.pick(['greeting', 'cards-v2', 'A_b-9']);
  }
  return report;
}

/**
 * A schema-valid batch for `site`: usually one device's day as the table says (distinct metrics, one
 * of the feedback group, the served model), sometimes with a report off the table, a repeated
 * metric, a second feedback-group report or another model version.
 */
export function validBatch(rng: Rng, site: string): { [key: string]: Json } {
  const group = rng.pick(FEEDBACK_GROUP);
  const keys = [
    ...DAILY_METRICS.filter((m) => m !== 'experiment_conversion' && (m === group || !inFeedbackGroup(m))).map(
      (m) => ({ metric: m, experiment: undefined }),
    ),
    ...FUZZ_EXPERIMENTS.map((x) => ({ metric: 'experiment_conversion', experiment: x })),
  ];
  for (let i = keys.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [keys[i], keys[j]] = [keys[j] ?? keys[i], keys[i] ?? keys[j]] as [
      (typeof keys)[number],
      (typeof keys)[number],
    ];
  }
  const reports = keys
    .slice(0, 1 + rng.int(keys.length))
    .map((k) => tableReport(rng, k.metric, k.experiment));
  const roll = rng.int(10);
  if (roll === 0) reports.push(validReport(rng));
  else if (roll === 1) reports[rng.int(reports.length)] = validReport(rng);
  else if (roll === 2) reports.push({ ...(reports[0] ?? validReport(rng)) });
  else if (roll === 3) reports.push(tableReport(rng, rng.pick(FEEDBACK_GROUP.filter((m) => m !== group))));
  return {
    site,
    batch: rng.uuid(),
    schema: 1,
    model: rng.next() < 0.9 ? SERVED_MODEL.version : rng.pick(['2024.1', 'bench-1', 'v2+int8']),
    reports,
  };
}

/** A random JSON value, at most `depth` levels deep. */
export function randomJson(rng: Rng, depth = 4): Json {
  const kind = rng.int(depth > 0 ? 8 : 5);
  switch (kind) {
    case 0:
      return null;
    case 1:
      return rng.next() < 0.5;
    case 2:
      return rng.next() < 0.5 ? rng.pick(NASTY_NUMBERS) : (rng.next() - 0.5) * 10 ** rng.int(12);
    case 3:
      return rng.pick(NASTY_STRINGS);
    case 4:
      return randomText(rng, rng.int(40));
    case 5:
    case 6:
      return Array.from({ length: rng.int(5) }, () => randomJson(rng, depth - 1));
    default: {
      const keys = [
        'site',
        'batch',
        'schema',
        'model',
        'reports',
        'metric',
        'value',
        'x',
        randomText(rng, 6),
      ];
      const out: { [key: string]: Json } = {};
      for (let i = rng.int(6); i > 0; i--) out[rng.pick(keys)] = randomJson(rng, depth - 1);
      return out;
    }
  }
}

/** Random characters from the whole BMP, lone surrogates included. */
export function randomText(rng: Rng, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++)
    s += String.fromCharCode(rng.next() < 0.7 ? 32 + rng.int(95) : rng.int(0x10000));
  return s;
}

/** `levels` of nested arrays or objects around a small value. */
export function deepNesting(rng: Rng, levels: number): Json {
  let value: Json = rng.pick(NASTY_STRINGS);
  for (let i = 0; i < levels; i++) value = rng.next() < 0.5 ? [value] : { a: value };
  return value;
}

const TOP_FIELDS = ['site', 'batch', 'schema', 'model', 'reports'];
const REPORT_FIELDS = [
  'metric',
  'encoding',
  'domain',
  'value',
  'epsilon',
  'experiment',
  'hashes',
  'buckets',
  'row',
  'bits',
];

function wrongValue(rng: Rng): Json {
  switch (rng.int(9)) {
    case 0:
      return randomText(rng, 1000 + rng.int(14_000));
    case 1:
      return deepNesting(rng, 1 + rng.int(2000));
    case 2:
      return [validReport(rng)];
    case 3:
      return { ...validReport(rng) };
    default:
      return randomJson(rng, 3);
  }
}

/** Applies one structural mutation to a batch object in place. */
export function mutateBatch(rng: Rng, batch: { [key: string]: Json }): void {
  const reports = Array.isArray(batch.reports) ? batch.reports : undefined;
  const report = reports && reports.length > 0 ? reports[rng.int(reports.length)] : undefined;
  const target =
    report && typeof report === 'object' && !Array.isArray(report) && rng.next() < 0.5 ? report : batch;
  const fields = target === batch ? TOP_FIELDS : REPORT_FIELDS;
  const field = rng.pick(fields);
  switch (rng.int(8)) {
    case 0:
      delete target[field];
      return;
    case 1:
      target[rng.pick(['extra', 'ip', 'userAgent', 'note', '__proto__', randomText(rng, 8)])] = randomJson(
        rng,
        2,
      );
      return;
    case 2: {
      const value = target[field];
      delete target[field];
      target[`${field}${rng.pick(['s', '_', 'X', ' '])}`] = value ?? null;
      return;
    }
    case 3:
      target[field] = rng.pick(NASTY_STRINGS);
      return;
    case 4:
      target[field] = rng.pick(NASTY_NUMBERS);
      return;
    case 5:
      if (reports) {
        if (rng.next() < 0.5) reports.length = 0;
        else while (reports.length < 65 + rng.int(3)) reports.push(validReport(rng));
      }
      return;
    default:
      target[field] = wrongValue(rng);
  }
}

/** Replaces the value of one JSON number token with a non-finite or odd literal, as text. */
export function oddNumberLiteral(rng: Rng, json: string): string {
  const literal = rng.pick([
    'NaN',
    'Infinity',
    '-Infinity',
    '1e309',
    '-1e309',
    '1.0',
    '1e0',
    '-0',
    '0x10',
    '01',
  ]);
  const field = rng.pick(['schema', 'domain', 'value', 'epsilon']);
  return json.replace(new RegExp(`"${field}":[^,}\\]]+`), `"${field}":${literal}`);
}

/** The body's UTF-8 bytes with an invalid sequence spliced in at a random position. */
export function withInvalidUtf8(rng: Rng, json: string): Uint8Array<ArrayBuffer> {
  const bytes = new TextEncoder().encode(json);
  const bad = rng.pick([
    [0xff],
    [0xc3, 0x28],
    [0xed, 0xa0, 0x80],
    [0xe2, 0x82],
    [0x80],
    [0xf8, 0x88, 0x80, 0x80],
  ]);
  const at = rng.int(bytes.length + 1);
  const out = new Uint8Array(bytes.length + bad.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(bad, at);
  out.set(bytes.subarray(at), at + bad.length);
  return out;
}

/** Random bytes of a random length up to `max`. */
export function randomBytes(rng: Rng, max: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(rng.int(max + 1));
  for (let i = 0; i < out.length; i++) out[i] = rng.int(256);
  return out;
}
