/**
 * Turns an error into one clear message on stderr and the documented exit code: tagged errors
 * carry theirs (2 bad input, 4 locked), anything else is a bug (exit 1, with its stack).
 */
import { WaveError } from '../errors.js';

/** Prints the error and returns the exit code. */
export function reportError(command: string, error: unknown): number {
  if (error instanceof WaveError) {
    process.stderr.write(`wave ${command}: ${error.message}\n`);
    return error.exitCode;
  }
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`wave ${command}: unexpected error: ${text}\n`);
  return 1;
}
