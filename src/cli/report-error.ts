/**
 * Turns an error into one clear line on stderr and the documented exit code: tagged errors carry
 * theirs (2 bad input, 4 locked); a full disk (ENOSPC, EDQUOT) stops the session like an abort
 * (exit 3: the failed batch was rolled back, the log is intact, `wave resume` continues once space
 * is freed); anything else is a bug of wave itself: {@link EXIT_INTERNAL} with the log path, the
 * stack only under `WAVE_DEBUG=1`.
 */
import { WaveError } from '../errors.js';

/** Exit code of an unexpected (internal) error: EX_SOFTWARE of sysexits.h. */
export const EXIT_INTERNAL = 70;
/** Exit code of an aborted session (also a full disk). */
export const EXIT_ABORTED = 3;

/** Where the error happened, when the command knows it. */
export interface ErrorContext {
  /** The session log (run, resume) or the log being read (replay). */
  logPath?: string | null;
  /** Print the stack (the CLI passes `WAVE_DEBUG=1`). */
  debug?: boolean;
}

const DISK_FULL = new Set(['ENOSPC', 'EDQUOT']);

/** The errno code of a full disk anywhere in an error (its cause, aggregated errors, message). */
export function diskFullCode(error: unknown, depth = 0): string | null {
  if (depth > 5 || error === null || typeof error !== 'object') return null;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && DISK_FULL.has(code)) return code;
  const nested = [
    (error as { cause?: unknown }).cause,
    ...((error as { errors?: unknown }).errors instanceof Array
      ? (error as { errors: unknown[] }).errors
      : []),
  ];
  for (const inner of nested) {
    const found = diskFullCode(inner, depth + 1);
    if (found) return found;
  }
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string') {
    const m = /\b(ENOSPC|EDQUOT)\b/.exec(message);
    if (m) return m[1] as string;
  }
  return null;
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

/** Prints the error (one line, unless debugging) and returns the exit code. */
export function reportError(command: string, error: unknown, context: ErrorContext = {}): number {
  const where = context.logPath ? ` (log: ${context.logPath})` : '';
  const disk = diskFullCode(error);
  if (disk) {
    process.stderr.write(
      `wave ${command}: disk full (${disk}): the session stopped; the log is intact up to its last committed event${where}; free some space, then \`wave resume\`\n`,
    );
    return EXIT_ABORTED;
  }
  if (error instanceof WaveError) {
    process.stderr.write(`wave ${command}: ${error.message}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `wave ${command}: internal error: ${firstLine(message)}${where}; please report it (WAVE_DEBUG=1 prints the stack)\n`,
  );
  if (context.debug && error instanceof Error && error.stack) {
    process.stderr.write(`${error.stack}\n`);
  }
  return EXIT_INTERNAL;
}
