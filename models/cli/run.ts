/** Shared exit-code handling of the model CLIs: 2 for bad flags, 1 for bad input or failures. */
import { DataError, UsageError } from '../src/errors';

/** Runs `main`, printing errors for people (no stack for expected ones) and setting the exit code. */
export async function runCli(main: () => Promise<unknown>, usageText: string): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${usageText}`);
      process.exitCode = 2;
    } else if (err instanceof DataError) {
      console.error(`error: ${err.message}`);
      process.exitCode = 1;
    } else {
      console.error(err);
      process.exitCode = 1;
    }
  }
}
