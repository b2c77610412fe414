/**
 * The audit tables of report.md (models/src/audit.ts): every group with its figure, 95% interval and
 * gap to the overall figure, worst first, flagged groups marked.
 */
import type { Audit } from './audit';

const f3 = (x: number) => x.toFixed(3);
/** A signed gap; one that rounds to zero is shown as 0.000, without a sign. */
const signed = (x: number) => (Math.abs(x) < 0.0005 ? '0.000' : `${x > 0 ? '+' : ''}${f3(x)}`);

/** One audit as a heading line and a table. */
export function auditLines(a: Audit): string[] {
  const flagged = a.groups.filter((g) => g.flagged);
  const clear = flagged.filter((g) => g.clear);
  const rows = [...a.groups]
    .sort((x, y) => x.gap - y.gap || x.group.localeCompare(y.group))
    .map(
      (g) =>
        `| ${g.group} | ${g.n} | ${f3(g.mean)} | ${f3(g.low)}–${f3(g.high)} | ${signed(g.gap)} | ${
          g.clear ? '⚑ below (interval too)' : g.flagged ? '⚑ below' : ''
        } |`,
    );
  return [
    `**${a.metric} by ${a.by}** (overall ${f3(a.overall)}; flagged: more than ${a.margin} below it — ` +
      `${flagged.length} of ${a.groups.length} groups, ${clear.length} with the whole 95% interval below the overall figure).`,
    '',
    `| ${a.by} | n | ${a.metric} | 95% bootstrap interval | gap | flag |`,
    '|---|---:|---:|---|---:|---|',
    ...rows,
  ];
}
