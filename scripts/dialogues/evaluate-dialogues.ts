/** Runs the dialogues and writes their section into DIR/report.json and DIR/report.md. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../../models/src/artifacts';
import type { EvaluationReport } from '../../models/src/report';
import { renderReportMarkdown } from '../../models/src/report-markdown';
import { dialogueReport } from './dialogue-report';
import { readDialogues } from './dialogue-set';
import { runDialogues } from './run-dialogues';

/** Evaluates the dialogues against the models in `dir` and adds the figures to its report. */
export async function evaluateDialogues(dir: string, log: (line: string) => void): Promise<void> {
  const dialogues = readDialogues();
  const heldOut = readDialogues(
    new URL('../../models/data/shopper-phrasing/dialogues-held-out.json', import.meta.url),
  );
  // One served copy of the models for both sets; the turns are told apart by dialogue id.
  const turns = await runDialogues([...dialogues, ...heldOut]);
  const held = new Set(heldOut.map((d) => d.id));
  const dialogue = dialogueReport(
    dialogues,
    turns.filter((t) => !held.has(t.dialogue)),
    { dialogues: heldOut, turns: turns.filter((t) => held.has(t.dialogue)) },
  );
  const path = join(dir, 'report.json');
  const report = JSON.parse(readFileSync(path, 'utf8')) as EvaluationReport;
  const next: EvaluationReport = { ...report, dialogue };
  writeFileSync(path, stableJson(next));
  writeFileSync(join(dir, 'report.md'), renderReportMarkdown(next));
  log(
    `dialogues: ${dialogue.turns} turns in ${dialogue.dialogues} dialogues, ${dialogue.turnAccuracy} of turns and ` +
      `${dialogue.dialogueAccuracy} of dialogues right; answer() p50 ${dialogue.answerMs.p50} ms, p95 ${dialogue.answerMs.p95} ms`,
  );
  for (const m of dialogue.misses) log(`  miss ${m.dialogue}: "${m.say}" → ${m.got} (${m.why})`);
  const h = dialogue.heldOut;
  if (h) {
    log(
      `held-out dialogues: ${h.turns} turns in ${h.dialogues}, ${h.turnAccuracy} of turns and ${h.dialogueAccuracy} of dialogues right`,
    );
    for (const m of h.misses) log(`  miss ${m.dialogue}: "${m.say}" → ${m.got} (${m.why})`);
  }
}
