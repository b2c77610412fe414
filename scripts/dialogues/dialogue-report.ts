/** The dialogue evaluation's figures for report.json (`dialogue`). */
import type { DialogueReport } from '../../models/src/report';
import type { Dialogue } from './dialogue-set';
import type { TurnOutcome } from './run-dialogues';

const r4 = (x: number) => Math.round(x * 1e4) / 1e4;

type Accuracy = NonNullable<DialogueReport['heldOut']>;

/** Turn and dialogue accuracy, and every missed turn with why. */
function accuracy(dialogues: readonly Dialogue[], turns: readonly TurnOutcome[]): Accuracy {
  const right = turns.filter((t) => t.misses.length === 0).length;
  const whole = dialogues.filter((d) =>
    turns.filter((t) => t.dialogue === d.id).every((t) => t.misses.length === 0),
  );
  return {
    dialogues: dialogues.length,
    turns: turns.length,
    turnAccuracy: r4(right / turns.length),
    dialogueAccuracy: r4(whole.length / dialogues.length),
    misses: turns
      .filter((t) => t.misses.length)
      .map((t) => ({
        dialogue: t.dialogue,
        say: t.say,
        got: `${t.rule} ${t.intent ?? ''}`.trim(),
        why: t.misses.join('; '),
      })),
  };
}

/** The development dialogues' figures with latency, and the held-out ones' when given. */
export function dialogueReport(
  dialogues: readonly Dialogue[],
  turns: readonly TurnOutcome[],
  heldOut?: { readonly dialogues: readonly Dialogue[]; readonly turns: readonly TurnOutcome[] },
): DialogueReport {
  // The first turn of each dialogue loads the models; the rest is what a conversation costs.
  const warm = turns.filter((t, i) => i > 0 && turns[i - 1]?.dialogue === t.dialogue).map((t) => t.ms);
  warm.sort((a, b) => a - b);
  const p = (q: number) => r4(warm[Math.min(warm.length - 1, Math.floor(q * warm.length))] ?? 0);
  return {
    ...accuracy(dialogues, turns),
    answerMs: { p50: p(0.5), p95: p(0.95) },
    ...(heldOut ? { heldOut: accuracy(heldOut.dialogues, heldOut.turns) } : {}),
  };
}
