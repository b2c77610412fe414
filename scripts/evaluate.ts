/**
 * `npm run evaluate -- ...`: the models' evaluation (models/src/evaluate-cli.ts, same flags), then, for
 * the shipped defaults, the scripted dialogues through the worker's engine, written into the same
 * report.json and report.md. The dialogues need the worker, which the models package may not import.
 */
import { runCli } from '../models/cli/run';
import { usage } from '../models/src/cli-options';
import { runEvaluate } from '../models/src/evaluate-cli';
import { evaluateDialogues } from './dialogues/evaluate-dialogues';

const argv = process.argv.slice(2);
await runCli(async () => {
  const report = await runEvaluate(argv);
  // A site's own intent data has no demo-shop dialogues; the default run measures them.
  const custom = argv.some((a) => a.startsWith('--train') || a.startsWith('--interactions'));
  if (report && !custom && process.exitCode === undefined) {
    const out = argv.indexOf('--out');
    await evaluateDialogues(out >= 0 ? (argv[out + 1] as string) : 'models/artifacts', console.log);
  }
}, usage('evaluate'));
