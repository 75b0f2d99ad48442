/**
 * The wave scope hook in Claude Code settings (Claude Code settings reference: `hooks.PreToolUse`
 * is an array of `{matcher, hooks: [{type: "command", command, timeout?}]}`; `--settings <file>`
 * loads an extra settings file whose hooks are added to the project's and the user's).
 * - {@link scopeHookSettings}: the settings a Claude runner is started with (`--settings`).
 * - {@link installScopeHook}: `wave hook install`, adding the hook to `.claude/settings.json`
 *   without touching any other key or hook; idempotent; written with tmp + rename; a malformed file
 *   is a {@link ConfigError} naming file, line and column (and it is left as it was).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../errors.js';
import { jsonSyntaxError } from './json-syntax.js';

/** The tools the hook checks. */
export const SCOPE_HOOK_MATCHER = 'Write|Edit|MultiEdit|NotebookEdit|Bash';
/** What identifies the wave hook among a settings file's hooks. */
const HOOK_MARKER = ' hook pre-tool-use';

const quote = (s: string): string =>
  /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;

/** The built CLI (`dist/cli/wave.js`), whether this module runs from `dist/` or from `src/`. */
function waveCliPath(): string {
  const built = fileURLToPath(new URL('../cli/wave.js', import.meta.url));
  return existsSync(built)
    ? built
    : fileURLToPath(new URL('../../dist/cli/wave.js', import.meta.url));
}

/** The shell command Claude Code runs for the hook: this node, this CLI, and the options. */
export function scopeHookCommand(options: { root?: string; manifest?: string } = {}): string {
  const argv = [process.execPath, waveCliPath(), 'hook', 'pre-tool-use'];
  if (options.root !== undefined) argv.push('--root', options.root);
  if (options.manifest !== undefined) argv.push('--manifest', options.manifest);
  return argv.map(quote).join(' ');
}

/** One PreToolUse entry running `command`. */
function hookEntry(command: string): Record<string, unknown> {
  return { matcher: SCOPE_HOOK_MATCHER, hooks: [{ type: 'command', command }] };
}

/** The settings a Claude agent gets with `--settings`: only the scope hook. */
export function scopeHookSettings(command: string): Record<string, unknown> {
  return { hooks: { PreToolUse: [hookEntry(command)] } };
}

const fail = (file: string, message: string, path?: string): ConfigError =>
  new ConfigError([{ file, message, ...(path !== undefined ? { path } : {}) }]);

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * `settings` with the scope hook running `command` (an existing wave hook gets the new command);
 * `changed` is false when it was there already. Throws on a shape that is not Claude's.
 */
export function withScopeHook(
  settings: Record<string, unknown>,
  command: string,
  file: string,
): { settings: Record<string, unknown>; changed: boolean } {
  const hooks = settings.hooks ?? {};
  if (!isObject(hooks)) throw fail(file, '"hooks" must be an object', 'hooks');
  const pre = hooks.PreToolUse ?? [];
  if (!Array.isArray(pre)) throw fail(file, '"PreToolUse" must be an array', 'hooks.PreToolUse');
  let found = false;
  let changed = false;
  const entries = pre.map((entry: unknown) => {
    if (!isObject(entry) || !Array.isArray(entry.hooks)) return entry;
    const inner = entry.hooks.map((h: unknown) => {
      if (!isObject(h) || typeof h.command !== 'string' || !h.command.includes(HOOK_MARKER))
        return h;
      found = true;
      if (h.command === command) return h;
      changed = true;
      return { ...h, command };
    });
    return { ...entry, hooks: inner };
  });
  if (!found) {
    entries.push(hookEntry(command));
    changed = true;
  }
  return { settings: { ...settings, hooks: { ...hooks, PreToolUse: entries } }, changed };
}

/** Adds the scope hook to the settings file at `file` (created when absent). */
export function installScopeHook(file: string, command: string): { changed: boolean } {
  let current: Record<string, unknown> = {};
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    if (text.trim() !== '') {
      const syntax = jsonSyntaxError(text);
      if (syntax)
        throw new ConfigError([
          {
            file,
            line: syntax.line,
            column: syntax.column,
            message: `invalid JSON: ${syntax.message}`,
          },
        ]);
      const parsed: unknown = JSON.parse(text);
      if (!isObject(parsed)) throw fail(file, 'the settings must be a JSON object');
      current = parsed;
    }
  }
  const { settings, changed } = withScopeHook(current, command, file);
  if (!changed) return { changed };
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp.${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify(settings, null, 2)}\n`, 'utf8');
  renameSync(tmp, file);
  return { changed };
}
