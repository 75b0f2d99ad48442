/**
 * The command guard of the wave scope (§B4 "Command hook"): a blocked pattern (`rm -rf`,
 * `git reset --hard`, …) matches on word boundaries inside any shell segment of a command, so it is
 * caught after `&&`, `||`, `;`, `|`, `&`, a newline, inside `( … )`, `$( … )` and backticks. A
 * pattern inside a quoted argument is inert text (`git commit -m "rm -rf"`), except when the
 * segment's program executes its arguments (`bash -c '…'`, `eval`, `xargs`, `psql -c`, …): then the
 * quoted payload is checked as a command itself. Pure and dependency-free (the hook imports it).
 */

/** The hook's built-in list, used when the manifest's `blockedCommands` is empty (reference). */
export const HOOK_FALLBACK_BLOCKED_COMMANDS: readonly string[] = [
  'rm -rf',
  'git push --force',
  'git push -f',
  'git reset --hard',
  'DROP TABLE',
  'drop table',
  'git checkout -- .',
];

/** Programs that run their (quoted) arguments as code. */
const INTERPRETERS = new Set([
  'bash',
  'sh',
  'zsh',
  'dash',
  'ksh',
  'eval',
  'xargs',
  'env',
  'command',
  'psql',
  'mysql',
  'sqlite3',
  'find',
  'su',
  'sudo',
  'nohup',
  'time',
  'nice',
  'exec',
  'timeout',
]);
/** Wrappers skipped to find a segment's program. */
const WRAPPERS = new Set(['sudo', 'nohup', 'time', 'nice', 'exec', 'command', 'builtin', 'env']);
const MAX_DEPTH = 3;

interface Token {
  text: string;
  /** Any character of it came from inside quotes. */
  quoted: boolean;
}

const SEPARATORS = ['&&', '||', ';;', '$(', ';', '|', '&', '\n', '(', ')', '`'];

/** Splits a command into segments of tokens (quotes and escapes resolved). */
function splitCommandSegments(command: string): Token[][] {
  const segments: Token[][] = [];
  let current: Token[] = [];
  let text = '';
  let started = false;
  let quoted = false;
  const flush = (): void => {
    if (started) current.push({ text, quoted });
    text = '';
    started = false;
    quoted = false;
  };
  const cut = (): void => {
    flush();
    if (current.length > 0) segments.push(current);
    current = [];
  };
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (ch === "'" || (ch === '$' && command[i + 1] === "'")) {
      if (ch === '$') i++;
      const end = command.indexOf("'", i + 1);
      const stop = end === -1 ? command.length : end;
      text += command.slice(i + 1, stop);
      started = quoted = true;
      i = stop;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        if (command[j] === '\\' && j + 1 < command.length) j++;
        text += command[j];
      }
      started = quoted = true;
      i = j;
      continue;
    }
    if (ch === '\\') {
      if (command[i + 1] !== '\n' && i + 1 < command.length) {
        text += command[i + 1];
        started = true;
      }
      i++;
      continue;
    }
    if (ch === '#' && !started) {
      while (i + 1 < command.length && command[i + 1] !== '\n') i++;
      continue;
    }
    // `2>&1`, `&>` and `>&` are redirections, not the background operator.
    const redirect = ch === '&' && (command[i - 1] === '>' || command[i + 1] === '>');
    const sep = redirect ? undefined : SEPARATORS.find((s) => command.startsWith(s, i));
    if (sep !== undefined) {
      cut();
      i += sep.length - 1;
      continue;
    }
    if ((ch === '{' || ch === '}') && !started) {
      cut();
      continue;
    }
    if (/\s/.test(ch)) {
      flush();
      continue;
    }
    text += ch;
    started = true;
  }
  cut();
  return segments;
}

function boundaryRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.*+?|[\](){}\\^$]/g, '\\$&');
  const boundary = '[\\s;|&(){}`\'"]';
  return new RegExp(`(^|${boundary})${escaped}(${boundary}|$)`);
}

/** The index of a segment's program: after `VAR=value` assignments and wrappers. */
function programIndex(segment: readonly Token[]): number {
  let i = 0;
  while (i < segment.length) {
    const t = segment[i]!.text;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(t) || WRAPPERS.has(t) || /^-/.test(t)) i++;
    else break;
  }
  return Math.min(i, segment.length - 1);
}

function segmentMatches(segment: readonly Token[], re: RegExp, depth: number): boolean {
  // A quoted token without whitespace is the same word unquoted ("git" reset --hard).
  const words = segment.filter((t) => !t.quoted || !/\s/.test(t.text)).map((t) => t.text);
  if (re.test(words.join(' '))) return true;
  const head = segment.slice(0, programIndex(segment) + 1);
  const runsArguments = head.some((t) => INTERPRETERS.has(t.text));
  if (!runsArguments || depth >= MAX_DEPTH) return false;
  if (re.test(segment.map((t) => t.text).join(' '))) return true;
  return segment.some((t) => t.quoted && matches(t.text, re, depth + 1));
}

function matches(command: string, re: RegExp, depth: number): boolean {
  return splitCommandSegments(command).some((s) => segmentMatches(s, re, depth));
}

/** True when `pattern` occurs as a command in any shell segment of `command`. */
export function commandMatchesBlocked(command: string, pattern: string): boolean {
  if (pattern === '' || command === '') return false;
  return matches(command, boundaryRegex(pattern), 0);
}

/** The first blocked pattern `command` contains (empty list ⇒ the hook's fallback list). */
export function firstBlockedPattern(
  command: string,
  blocked: readonly string[],
): { pattern: string; fallback: boolean } | null {
  const fallback = blocked.length === 0;
  for (const pattern of fallback ? HOOK_FALLBACK_BLOCKED_COMMANDS : blocked) {
    if (commandMatchesBlocked(command, pattern)) return { pattern, fallback };
  }
  return null;
}

/** What the agent may do instead of a blocked command (the reference's suggestions). */
export function suggestForCommandBlock(pattern: string): string {
  switch (pattern) {
    case 'rm -rf':
      return 'Destructive deletion is blocked. Move specific files instead or use trash-cli.';
    case 'git push --force':
    case 'git push -f':
      return "Force-push is blocked. Use 'git push --force-with-lease' after coordinator approval.";
    case 'git reset --hard':
      return "Hard reset is blocked. Use 'git reset --soft' or 'git stash' to preserve work.";
    case 'git checkout -- .':
      return 'Whole-tree discard is blocked. Target specific files instead.';
    default:
      return `Blocked command pattern '${pattern}' is not permitted during wave execution.`;
  }
}
