/** `npm run train -- ...`: see `usage('train')` or run with --help. */
import { usage } from '../src/cli-options';
import { runTrain } from '../src/train-cli';
import { runCli } from './run';

await runCli(() => runTrain(process.argv.slice(2)), usage('train'));
