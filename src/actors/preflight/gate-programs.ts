/**
 * The programs a quality-gate command starts, for the preflight: the argv's first word, or — for a
 * Session Config command that runs through `sh -c` (it uses shell syntax) — the first word of
 * every simple command of the script (`eslintx . && tsc` needs `eslintx` and `tsc`). Shell
 * builtins and keywords, and words the shell would expand (`$X`, backquotes), are not programs
 * to look up. Pure.
 */

/** Builtins and keywords of a POSIX shell: never looked up on the PATH. */
const SHELL_WORDS: ReadonlySet<string> = new Set([
  '!',
  '.',
  ':',
  '[',
  'alias',
  'break',
  'case',
  'cd',
  'command',
  'continue',
  'do',
  'done',
  'echo',
  'elif',
  'else',
  'esac',
  'eval',
  'exec',
  'exit',
  'export',
  'false',
  'fi',
  'for',
  'if',
  'in',
  'printf',
  'pwd',
  'read',
  'return',
  'set',
  'shift',
  'test',
  'then',
  'times',
  'trap',
  'true',
  'ulimit',
  'umask',
  'unset',
  'until',
  'wait',
  'while',
  '{',
  '}',
]);

const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'dash', '/bin/sh', '/bin/bash']);

/** Drops quoted parts' quotes (enough to read a command word); keeps the text. */
function unquote(word: string): string {
  return word.replace(/^'(.*)'$/, '$1').replace(/^"(.*)"$/, '$1');
}

/** The command words of a shell script: the first word of each simple command. */
export function scriptPrograms(script: string): string[] {
  // Quoted strings may hold separators, and `2>&1` / `&>` hold an `&` that separates nothing.
  const masked = script
    .replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, (q) => q.replace(/[;&|\n()]/g, ' '))
    .replace(/\d*[<>]&\d*-?/g, ' ')
    .replace(/&>>?/g, ' >');
  const out: string[] = [];
  for (const segment of masked.split(/&&|\|\||[;&|\n()]/)) {
    const words = segment.trim().split(/\s+/).filter(Boolean);
    // Leading variable assignments (`CI=1 vitest run`) and redirections are not the command.
    const word = words.find((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w) && !/^\d*[<>]/.test(w));
    if (word === undefined) continue;
    const program = unquote(word);
    if (SHELL_WORDS.has(program) || /[$`*?[\]~]/.test(program) || program === '') continue;
    if (!out.includes(program)) out.push(program);
  }
  return out;
}

/** The programs a gate argv starts: its shell script's commands for `sh -c`, else argv[0]. */
export function gatePrograms(argv: readonly string[]): string[] {
  const [first, flag, script] = argv;
  if (first === undefined) return [];
  if (SHELLS.has(first) && flag === '-c' && script !== undefined) {
    return [first, ...scriptPrograms(script).filter((p) => p !== first)];
  }
  return [first];
}
