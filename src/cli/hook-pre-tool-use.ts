/**
 * `wave hook pre-tool-use [--root DIR] [--manifest FILE]`: the Claude Code PreToolUse hook process.
 * Reads the hook payload (JSON: `session_id`, `transcript_path`, `cwd`, `hook_event_name`,
 * `tool_name`, `tool_input`, …) on stdin, finds the wave's manifest (`--manifest`, else the first
 * of `.pi`, `.cursor`, `.codex`, `.claude` `/wave-scope.json` under the project root: `--root`, else
 * `$CLAUDE_PROJECT_DIR`, else the payload's `cwd`; none ⇒ allow), decides (see `hook-decision.ts`)
 * and answers on stdout. Paths are resolved with realpath (of the nearest existing ancestor for a
 * new file), so neither `../` nor a symlink leads out of the scope. Payload that is not JSON: exit
 * 2 with the reason on stderr (Claude Code blocks the call and shows it). Imports only node
 * built-ins and pure modules: it runs before every tool call.
 */
import { existsSync, readFileSync, realpathSync, writeSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { decidePreToolUse, hookResponse, type HookManifest } from './hook-decision.js';

const MANIFEST_DIRS = ['.pi', '.cursor', '.codex', '.claude'];

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i !== -1) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** Real path of `absolute`, or of its nearest existing ancestor joined with the rest. */
function realpathOfNearest(absolute: string): string {
  const rest: string[] = [];
  let current = absolute;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest.reverse());
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
      const parent = dirname(current);
      if (parent === current) return absolute;
      rest.push(basename(current));
      current = parent;
    }
  }
}

function readManifest(path: string): HookManifest | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : null;
  } catch (error) {
    // Unreadable or not JSON: the hook fails closed (strict, nothing allowed) and says why.
    write(2, `wave hook pre-tool-use: ${path}: ${(error as Error).message}\n`);
    return null;
  }
}

function write(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buf.length) offset += writeSync(fd, buf, offset);
}

/** Runs the hook on `stdin` text; returns the exit code after writing its answer. */
export function preToolUse(argv: readonly string[], stdin: string): number {
  if (stdin.trim() === '') return 0;
  let payload: unknown;
  try {
    payload = JSON.parse(stdin);
  } catch (error) {
    write(2, `wave hook pre-tool-use: the hook input is not JSON (${(error as Error).message})\n`);
    return 2;
  }
  const cwd = (payload as { cwd?: unknown } | null)?.cwd;
  const rootRaw =
    option(argv, '--root') ??
    process.env.CLAUDE_PROJECT_DIR ??
    (typeof cwd === 'string' ? cwd : process.cwd());
  const root = realpathOfNearest(resolve(rootRaw));
  const given = option(argv, '--manifest');
  const manifestPath =
    given !== undefined
      ? resolve(given)
      : MANIFEST_DIRS.map((d) => join(root, d, 'wave-scope.json')).find((p) => existsSync(p));
  if (manifestPath === undefined || !existsSync(manifestPath)) return 0;
  const manifestReal = realpathOfNearest(manifestPath);
  const rel = relative(root, manifestReal).split('\\').join('/');
  const decision = decidePreToolUse(payload, {
    root,
    manifest: readManifest(manifestPath),
    manifestRel: rel.startsWith('..') ? null : rel,
    realpath: realpathOfNearest,
    resolve,
  });
  const { stdout, exitCode } = hookResponse(decision);
  if (stdout !== '') write(1, stdout);
  return exitCode;
}

/** The hook process: reads all of stdin, answers, exits. */
export function runPreToolUseHook(argv: readonly string[]): number {
  let stdin: string;
  try {
    stdin = readFileSync(0, 'utf8');
  } catch (error) {
    write(2, `wave hook pre-tool-use: cannot read stdin (${(error as Error).message})\n`);
    return 2;
  }
  return preToolUse(argv, stdin);
}
