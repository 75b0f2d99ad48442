/**
 * Turning a quality-gate command string into an argv without a shell: words split on whitespace,
 * `'…'` (literal) and `"…"` (with `\"` and `\\`) quoting, a backslash outside quotes escapes the
 * next character, and adjacent quoted parts join one word (`--x="a b"` is `--x=a b`).
 */

import { CHANGED_PLACEHOLDER_IN_TEXT } from '../../domain/gate-kinds.js';

/** The result of splitting: an argv, or why the string cannot be split. */
export type SplitResult = { ok: true; argv: string[] } | { ok: false; message: string };

/** Characters that only mean something to a shell (pipes, lists, expansion, redirection, globs). */
const SHELL_SYNTAX = /[;&|<>()$`*?[\]{}~!#\n]/;

/** Splits a command string into argv, without a shell. */
export function splitCommand(command: string): SplitResult {
  const argv: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < command.length; i++) {
    const ch = command.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
    } else if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && (command[i + 1] === '"' || command[i + 1] === '\\'))
        word += command[++i];
      else word += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < command.length) {
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) argv.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote) return { ok: false, message: `unterminated ${quote} quote in command` };
  if (inWord) argv.push(word);
  if (argv.length === 0) return { ok: false, message: 'must not be empty' };
  return { ok: true, argv };
}

/**
 * A command from the repository's Session Config, written for the reference (which runs gate
 * commands through a shell): plain commands are split like plan commands; a command using shell
 * syntax (pipes, `;`, `&&`, `$`, globs, redirection …) runs as `sh -c <command>`. The
 * Quality-Lite placeholder `{changed}` is not shell syntax.
 */
export function configCommandArgv(command: string): SplitResult {
  const doubleQuoted = command.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
  // The `{changed}` placeholder of Quality-Lite commands is ours, not shell syntax.
  const outside = command
    .replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, ' ')
    .replace(CHANGED_PLACEHOLDER_IN_TEXT, ' ');
  const expands = doubleQuoted.some((part) => /[$`]/.test(part));
  if (expands || SHELL_SYNTAX.test(outside)) return { ok: true, argv: ['sh', '-c', command] };
  return splitCommand(command);
}
