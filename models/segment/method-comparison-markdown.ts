/**
 * The segment method comparison (method-comparison.ts) as report.md lines: the protocol, one table
 * per method over k (the elbow curve is the inertia column), a summary at each method's chosen k with
 * its stability, and the verdict of the winner rule with its reason.
 */
import type { MethodAtK, MethodComparison, MethodSummary } from './method-comparison';

const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const opt = (x: number | undefined, fmt: (v: number) => string) => (x === undefined ? '–' : fmt(x));

function perKLines(m: MethodSummary): string[] {
  const mixture = m.perK.some((r) => r.bic !== undefined);
  const row = (r: MethodAtK) => {
    const marks = [
      r.k === m.chosenK ? 'chosen' : '',
      r.k === m.elbowK ? 'elbow' : '',
      r.k === m.bicK ? 'BIC' : '',
    ]
      .filter((s) => s !== '')
      .join(', ');
    const cells = [
      String(r.k),
      f4(r.silhouette),
      f4(r.daviesBouldin),
      r.inertia.toFixed(1),
      `${pct(r.smallestShare)}${r.clusters < r.k ? ` (${r.clusters} non-empty)` : ''}`,
      ...(mixture ? [opt(r.bic, (v) => v.toFixed(1)), opt(r.meanMaxPosterior, f3)] : []),
      marks,
    ];
    return `| ${cells.join(' | ')} |`;
  };
  return [
    `**${m.method}** (${m.assignment})`,
    '',
    `| k | silhouette | Davies-Bouldin | inertia | smallest cluster |${mixture ? ' BIC | mean max posterior |' : ''} note |`,
    `|---:|---:|---:|---:|---:|${mixture ? '---:|---:|' : ''}---|`,
    ...m.perK.map(row),
  ];
}

function summaryLines(c: MethodComparison): string[] {
  return [
    '| method | k | silhouette | Davies-Bouldin | stability ARI mean | stability ARI min | elbow k | BIC-best k | mean max posterior | smallest cluster | refit rows |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...c.methods.map(
      (m) =>
        `| ${m.method} | ${m.chosenK} | ${f4(m.chosen.silhouette)} | ${f4(m.chosen.daviesBouldin)} | ` +
        `${f4(m.stability.mean)} | ${f4(m.stability.min)} | ${m.elbowK} | ${opt(m.bicK, String)} | ` +
        `${opt(m.chosen.meanMaxPosterior, f3)} | ${pct(m.chosen.smallestShare)} | ${m.stabilityRows} |`,
    ),
  ];
}

/** The comparison as markdown lines (a `###` section, ready to be spliced into report.md). */
export function methodComparisonLines(c: MethodComparison): string[] {
  const verdict = `**${c.choice.winner === null ? 'No winner' : `Winner: ${c.choice.winner}`}.** ${c.choice.reason}`;
  return [
    '### Segment method comparison',
    '',
    `Same ${c.rows} customers × ${c.cols} standardized features for every method, k = ${c.kMin}..${c.kMax}, ` +
      `seed ${c.seed}. Silhouette on the same ${c.silhouetteRows} sampled customers (one distance matrix); ` +
      "Davies-Bouldin and inertia (within-cluster sum of squares, the elbow curve) around each partition's own " +
      'means. k per method by the highest silhouette (ties → fewer); there, stability = adjusted Rand index of ' +
      `${c.resamples} bootstrap refits (the same resamples for every method, every customer assigned) against ` +
      'the full fit. Elbow k: the knee of the normalized inertia curve, reported only.',
    '',
    ...c.methods.flatMap((m) => [...perKLines(m), '']),
    '**At the chosen k**',
    '',
    ...summaryLines(c),
    '',
    verdict,
  ];
}
