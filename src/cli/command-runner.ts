/**
 * Runs one command's body and turns what it throws into one clear line and the documented exit
 * code (`report-error.ts`, loaded only when something was thrown). Shared by the commander program
 * and the fast paths of `wave.ts`.
 */
import type { ErrorContext } from './report-error.js';

/** Runs `fn` and sets `process.exitCode` to its result, or to the code of what it threw. */
export async function runCommand(
  name: string,
  fn: (context: ErrorContext) => Promise<number>,
): Promise<void> {
  const context: ErrorContext = { debug: process.env.WAVE_DEBUG === '1' };
  try {
    process.exitCode = await fn(context);
  } catch (error) {
    const { reportError } = await import('./report-error.js');
    process.exitCode = reportError(name, error, context);
  }
}
