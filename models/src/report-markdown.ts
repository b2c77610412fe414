/**
 * `report.md`: the readable twin of report.json — metric tables (fp32 and int8 for every model,
 * baselines), chosen hyper-parameters with the validation search, artifact sizes from the manifest,
 * costs, and each task's protocol so others can reproduce the numbers.
 */

import type { NaturalGraphs } from '../intent/natural-graphs';
import type { NaturalFigures } from '../intent/natural-scoring';
import { methodComparisonLines } from '../segment/index';
import type { ArtifactSizes } from './artifact-sizes';
import { auditLines } from './audit-markdown';
import type { RankingMetrics } from './metrics';
import type { DialogueReport, EvaluationReport, IntentMetrics, IntentReport } from './report';

const f4 = (x: number | undefined): string => (x === undefined ? '–' : x.toFixed(4));
const kib = (b: number | undefined): string => (b === undefined ? '–' : `${(b / 1024).toFixed(1)} KiB`);
const secs = (ms: unknown): string => (typeof ms === 'number' ? `${(ms / 1000).toFixed(1)} s` : '–');

/** Renders the report as Markdown. */
export function renderReportMarkdown(report: EvaluationReport): string {
  const out: string[] = ['# Confide model evaluation', '', ...summarySection(report)];
  if (report.recommend) out.push(...recommendSection(report));
  if (report.segment) out.push(...segmentSection(report));
  if (report.intent) out.push(...intentSection('Intent — benchmark', report.intent, report.details.intent));
  if (report.intentShipped) {
    out.push(...intentSection('Intent — shipped model', report.intentShipped, report.details.intentShipped));
  }
  if (report.dialogue) out.push(...dialogueSection(report.dialogue));
  if (report.details.artifacts) out.push(...sizesSection(report.details.artifacts));
  const run = report.details.run;
  if (run) {
    out.push(
      '## Cost of this evaluation run',
      '',
      `Tasks ${run.tasks.join(', ')}: ${secs(run.totalMs)} wall time, peak RSS ${run.peakRssMiB} MiB ` +
        '(one process, onnxruntime-web WASM single-threaded).',
      '',
    );
  }
  out.push('## Protocols', '');
  for (const [task, text] of Object.entries(report.details.protocols)) out.push(`**${task}.** ${text}`, '');
  if (report.details.recommend) out.push('## Data', '', report.details.recommend.data, '');
  return out.join('\n');
}

function summarySection(report: EvaluationReport): string[] {
  const files = report.details.artifacts?.files ?? [];
  const size = (model: string, kind: 'fp32' | 'int8'): string =>
    kib(files.find((f) => f.model === model && f.kind === kind)?.bytes);
  const rows: string[] = [];
  const rec = report.recommend;
  if (rec) {
    rows.push(
      `| recommend (${report.details.recommend?.split.catalogSize ?? '?'} items) | NDCG@10 | ${f4(rec.fp32.ndcg10)} | ${f4(rec.int8?.ndcg10)} | ` +
        `popularity ${f4(rec.baselines.popularity.ndcg10)}, item-kNN ${f4(rec.baselines.itemknn.ndcg10)} | ` +
        `${size('recommend', 'fp32')} | ${size('recommend', 'int8')} |`,
    );
  }
  const seg = report.segment;
  if (seg) {
    const d = (report.details.segment ?? {}) as Record<string, unknown>;
    const int8 = typeof d.int8Silhouette === 'number' ? f4(d.int8Silhouette) : '–';
    rows.push(
      `| segment (k = ${seg.k}) | silhouette | ${f4(seg.silhouette)} | ${int8} | stability ARI ${f4(seg.stabilityARI)} | ` +
        `${size('segment', 'fp32')} | ${size('segment', 'int8')} |`,
    );
  }
  if (report.intent) {
    rows.push(
      `| intent benchmark (BANKING77) | in-scope accuracy with rejection | ${f4(report.intent.fp32.inScopeAccuracy)} | ` +
        `${f4(report.intent.int8?.inScopeAccuracy)} | top-1 ${f4(report.intent.fp32.accuracy)}, macro-F1 ${f4(report.intent.fp32.macroF1)} | ` +
        `${kib(benchmarkBytes(report, 'fp32Bytes'))} | ${kib(benchmarkBytes(report, 'int8Bytes'))} |`,
    );
    if (report.intent.int4) {
      rows.push(
        `| intent benchmark (BANKING77), int4 | in-scope accuracy with rejection | | ${f4(report.intent.int4.inScopeAccuracy)} | ` +
          `top-1 ${f4(report.intent.int4.accuracy)} | | ${kib(benchmarkBytes(report, 'int4Bytes'))} |`,
      );
    }
  }
  if (report.intentShipped) {
    const s = report.intentShipped;
    if (s.natural) {
      rows.push(
        `| intent shipped | natural phrasing: in-scope accuracy with rejection | ${f4(s.natural.fp32.inScopeAccuracy)} | ` +
          `${f4(s.natural.int8?.inScopeAccuracy)} | off-topic rejected ${f4((s.natural.int8 ?? s.natural.fp32).oosRecall)} | ` +
          `${size('intent', 'fp32')} | ${size('intent', 'int8')} |`,
      );
    }
    rows.push(
      `| intent shipped | accuracy | ${f4(s.fp32.accuracy)} | ${f4(s.int8?.accuracy)} | macro-F1 ${f4(s.fp32.macroF1)} | ` +
        `${size('intent', 'fp32')} | ${size('intent', 'int8')} |`,
    );
  }
  return [
    '## Summary',
    '',
    '| model | metric | fp32 | int8 | context | fp32 file | int8 file |',
    '|---|---|---:|---:|---|---:|---:|',
    ...rows,
    '',
  ];
}

function metricRow(name: string, m: RankingMetrics | undefined, pop: RankingMetrics | undefined): string {
  if (!m) return '';
  const vs = pop && pop.ndcg10 > 0 ? `${(m.ndcg10 / pop.ndcg10).toFixed(2)}×` : '–';
  return `| ${name} | ${f4(m.recall10)} | ${f4(m.ndcg10)} | ${f4(m.map10)} | ${f4(m.precision10)} | ${f4(m.coverage)} | ${vs} |`;
}

function recommendSection(report: EvaluationReport): string[] {
  const rec = report.recommend;
  const d = report.details.recommend;
  if (!rec) return [];
  const pop = rec.baselines.popularity;
  const lines = [
    '## Recommend',
    '',
    '| model | Recall@10 | NDCG@10 | MAP@10 | Precision@10 | coverage | NDCG vs popularity |',
    '|---|---:|---:|---:|---:|---:|---:|',
    metricRow('EASE + item text, low rank — fp32 (ONNX)', rec.fp32, pop),
    metricRow('EASE + item text, low rank — int8 (ONNX)', rec.int8, pop),
    metricRow('baseline: item-kNN (cosine)', rec.baselines.itemknn, pop),
    metricRow('baseline: popularity', pop, pop),
  ].filter((l, i) => i < 2 || l !== '');
  for (const a of rec.audit ?? []) lines.push('', ...auditLines(a));
  if (!d) return [...lines, ''];
  const s = d.split;
  const c = d.tuning.chosen;
  lines.push(
    '',
    `int8 vs fp32 NDCG@10: ${((d.int8NdcgRelDiff ?? 0) * 100).toFixed(2)}% relative. ONNX fp32 top-10 identical to ` +
      `the TypeScript reference for ${(d.referenceAgreement * 100).toFixed(2)}% of users (largest score gap ` +
      `${d.maxScoreDiff}). NDCG@10 against the whole held-out basket (out-of-catalog items as misses): ` +
      Object.entries(d.basketNdcg10)
        .map(([k, v]) => `${k} ${f4(v)}`)
        .join(', ') +
      '.',
    '',
    `Split: ${s.users} users, ${s.eligibleUsers} with a held-out invoice, ${s.evaluatedUsers} evaluated; ` +
      `${s.trainRows} training rows, ${s.heldOutRows} held-out rows; held-out items ${s.heldOutItems}, in catalog ` +
      `${s.heldOutInCatalog}, relevant (in catalog, not seen) ${s.relevantItems}; catalog ${s.catalogSize} items.`,
    '',
    '### Chosen hyper-parameters',
    '',
    `Catalog N = ${c.items}, λ = ${c.lambda}, text weight γ = ${c.textWeight}, half-life ${c.halfLifeDays} days, ` +
      `rank ${c.rank === 0 ? 'dense' : c.rank}; item-kNN baseline ${c.neighbours} neighbours. Model parameters: ` +
      `${Object.entries(d.params)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ')}.`,
    '',
    `Chosen on a validation split of the training data (${d.tuning.validationUsers} validation users, ` +
      `${d.tuning.validationTrainRows} rows fitted), one parameter at a time in the order below, each stage ` +
      'keeping the best so far. N is chosen by whole-basket NDCG@10 (the smallest N within 1% of the best, since ' +
      "bytes grow with N), λ/γ/half-life by NDCG@10, the rank as the smallest keeping 99% of the dense model's " +
      'NDCG@10 (rank 0 = dense).',
    '',
    '| stage | setting | val NDCG@10 | val Recall@10 | val basket NDCG@10 |',
    '|---|---|---:|---:|---:|',
    ...d.tuning.trials.map(
      (t) =>
        `| ${t.stage} | ${Object.entries(t.params)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')} | ${f4(t.ndcg10)} | ${f4(t.recall10)} | ${f4(t.basketNdcg10)} |`,
    ),
    '',
    `Cost: load + clean ${secs(d.timing.loadMs)}, validation search ${secs(d.timing.tuneMs)}, fit + export on the ` +
      `training split ${secs(d.timing.trainMs)}, scoring ${secs(d.timing.scoreMs)}; evaluation total ` +
      `${secs(d.timing.evaluateMs)}.`,
    '',
  );
  return lines;
}

function segmentSection(report: EvaluationReport): string[] {
  const s = report.segment;
  if (!s) return [];
  const d = (report.details.segment ?? {}) as Record<string, unknown>;
  const num = (k: string): string => (typeof d[k] === 'number' ? f4(d[k] as number) : '–');
  const lines = [
    '## Segment',
    '',
    '| variant | k | silhouette | Davies-Bouldin | stability ARI | agreement with fp32 |',
    '|---|---:|---:|---:|---:|---:|',
    `| fp32 (ONNX) | ${s.k} | ${f4(s.silhouette)} | ${f4(s.daviesBouldin)} | ${f4(s.stabilityARI)} | 1.0000 |`,
  ];
  if (d.int8Agreement !== undefined) {
    lines.push(`| int8 (ONNX) | ${s.k} | ${num('int8Silhouette')} | – | – | ${num('int8Agreement')} |`);
  }
  const segments = d.segments as { id: number; name: string; share: number }[] | undefined;
  if (segments) {
    lines.push(
      '',
      `Segments: ${segments.map((g) => `${g.id} ${g.name} (${(g.share * 100).toFixed(1)}%)`).join('; ')}.`,
    );
  }
  if (s.methods) lines.push('', ...methodComparisonLines(s.methods));
  lines.push('', `Cost: ${secs(d.taskMs ?? d.trainMs)}.`, '');
  return lines;
}

function intentRow(name: string, m: IntentMetrics | undefined): string {
  if (!m) return '';
  return `| ${name} | ${f4(m.accuracy)} | ${f4(m.inScopeAccuracy)} | ${f4(m.macroF1)} | ${f4(m.oosRecall)} |`;
}

function intentSection(
  title: string,
  r: IntentReport,
  details: Readonly<Record<string, unknown>> | undefined,
): string[] {
  const d = details ?? {};
  const lines = [
    `## ${title}`,
    '',
    '| variant | top-1 accuracy | in-scope accuracy with rejection | macro-F1 | out-of-scope recall |',
    '|---|---:|---:|---:|---:|',
    intentRow('fp32 (ONNX)', r.fp32),
    intentRow('int8 (ONNX)', r.int8),
    intentRow('int4 (ONNX, packed)', r.int4),
  ].filter((l, i) => i < 2 || l !== '');
  if (r.natural) lines.push('', ...naturalLines(r.natural));
  if (typeof d.data === 'string') lines.push('', d.data);
  const cost = d.taskMs ?? d.trainMs;
  if (cost !== undefined) lines.push('', `Cost: ${secs(cost)}.`);
  lines.push('');
  return lines;
}

/** The natural-phrasing figures: what a shopper feels, with the threshold applied. */
function naturalLines(n: NaturalGraphs): string[] {
  const row = (name: string, f: NaturalFigures | undefined) =>
    f
      ? `| ${name} | ${f4(f.inScopeAccuracy)} | ${f4(f.top1)} | ${f4(f.inScopeRejected)} | ${f4(f.oosRecall)} |`
      : '';
  const f = n.fp32;
  return [
    `**Natural phrasing** (models/data/shopper-phrasing, ${f.inScope} in-scope and ${f.outOfScope} off-topic ` +
      'messages written the way shoppers write; the development set models are chosen by). In-scope accuracy ' +
      'counts a message the threshold rejects as wrong (Larson et al. 2019).',
    '',
    '| variant | in-scope accuracy with rejection | top-1 | in-scope rejected | off-topic rejected |',
    '|---|---:|---:|---:|---:|',
    row('fp32 (ONNX)', n.fp32),
    ...(n.int8 ? [row('int8 (ONNX)', n.int8)] : []),
    '',
    `Most frequent mistakes (${n.int8 ? 'int8' : 'fp32'}): ` +
      ((n.int8 ?? n.fp32).confusions.map((c) => `${c.truth} → ${c.predicted} (${c.count})`).join(', ') ||
        'none'),
    ...((n.int8 ?? n.fp32).audit ?? []).flatMap((a) => ['', ...auditLines(a)]),
  ];
}

function sizesSection(sizes: ArtifactSizes): string[] {
  const models = [...new Set(sizes.files.map((f) => f.model))];
  const rows = models.map((model) => {
    const mine = sizes.files.filter((f) => f.model === model);
    const fp32 = mine.find((f) => f.kind === 'fp32');
    const int8 = mine.find((f) => f.kind === 'int8');
    const side = mine.filter((f) => f.kind === 'side').map((f) => `${f.file} ${kib(f.bytes)}`);
    return `| ${model} | ${fp32 ? `${fp32.file} ${kib(fp32.bytes)}` : '–'} | ${int8 ? `${int8.file} ${kib(int8.bytes)}` : '–'} | ${side.join(', ') || '–'} |`;
  });
  return [
    '## Artifact sizes',
    '',
    `Manifest ${sizes.version}.`,
    '',
    '| model | fp32 | int8 | side files |',
    '|---|---|---|---|',
    ...rows,
    '',
    `What a visitor downloads with the 8-bit models (int8 files + side files): ${kib(sizes.int8SetBytes)}. ` +
      `All files named by the manifest (fp32 and int8): ${kib(sizes.totalBytes)}.`,
    '',
  ];
}

/** A benchmark graph's size from the run's details (the benchmark is measured, never written out). */
function benchmarkBytes(
  report: EvaluationReport,
  key: 'fp32Bytes' | 'int8Bytes' | 'int4Bytes',
): number | undefined {
  const sizes = (report.details.intent as { sizes?: Record<string, unknown> } | undefined)?.sizes;
  const v = sizes?.[key];
  return typeof v === 'number' ? v : undefined;
}

function dialogueSection(d: DialogueReport): string[] {
  return [
    '## Dialogues',
    '',
    `${d.dialogues} scripted conversations, ${d.turns} turns (models/data/shopper-phrasing/dialogues.json), through ` +
      "the worker's engine in Node with the demo shop's templates and FAQ: **" +
      `${f4(d.turnAccuracy)}** of turns and ${f4(d.dialogueAccuracy)} of whole dialogues right; answer() p50 ` +
      `${d.answerMs.p50} ms, p95 ${d.answerMs.p95} ms (Node, after each dialogue's first turn).`,
    '',
    ...(d.misses.length
      ? [
          '| dialogue | message | got | why |',
          '|---|---|---|---|',
          ...d.misses.map((m) => `| ${m.dialogue} | ${m.say} | ${m.got} | ${m.why} |`),
        ]
      : ['Every turn right.']),
    '',
    ...(d.heldOut
      ? [
          `Held out (models/data/shopper-phrasing/dialogues-held-out.json, written after the rules were tuned on the set above; ` +
            `its data README says what changed after its first run): **${f4(d.heldOut.turnAccuracy)}** of ${d.heldOut.turns} turns and ` +
            `${f4(d.heldOut.dialogueAccuracy)} of ${d.heldOut.dialogues} dialogues right.`,
          '',
          ...(d.heldOut.misses.length
            ? [
                '| dialogue | message | got | why |',
                '|---|---|---|---|',
                ...d.heldOut.misses.map((m) => `| ${m.dialogue} | ${m.say} | ${m.got} | ${m.why} |`),
              ]
            : []),
          '',
        ]
      : []),
  ];
}
