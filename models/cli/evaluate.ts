/** `npm run evaluate -- ...`: writes report.json and report.md; see --help. */
import { usage } from '../src/cli-options';
import { runEvaluate } from '../src/evaluate-cli';
import { runCli } from './run';

await runCli(() => runEvaluate(process.argv.slice(2)), usage('evaluate'));
