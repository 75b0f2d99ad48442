/**
 * The three quality gates of a session (reference §E) as pure functions: which kind runs after
 * which wave, and which commands a kind runs.
 *
 * - **baseline**: once at session start, every configured gate's full command, NOT fail-fast, so
 *   each gate's state at the start is known (a red gate then is not the agents' doing).
 * - **lite** (Quality-Lite): after implementation waves; a gate with a Quality-Lite command
 *   (`lite` of a plan gate, `<gate>-lite-command` in the Session Config) runs it with its
 *   `{changed}` placeholder replaced by the files the session changed; other gates run their full
 *   command. Fail-fast.
 * - **full** (Full Gate): after the Quality wave (or the last implementation wave when the plan
 *   has none); every gate's full command, unscoped, in order (lint → typecheck → test),
 *   fail-fast.
 *
 * The placeholder is a whole argv word: `{changed}` (every changed file that still exists) or
 * `{changed:ts,tsx}` (only those extensions). When the files it selects are none, the gate has
 * nothing to check and is skipped in that Quality-Lite run.
 */
import type { QualityGate, Role } from './plan.schema.js';

/** A kind of gate run. */
export type GateKind = 'baseline' | 'lite' | 'full';

/** A command to run: the gate's name and its final argv. */
interface GateCommandLine {
  readonly name: string;
  readonly argv: string[];
}

/** The commands of one gate run, and the gates skipped (nothing to check). */
export interface GatePlan {
  readonly run: GateCommandLine[];
  readonly skipped: string[];
}

/** The placeholder, as a whole word: `{changed}` or `{changed:ext,ext}`. */
const CHANGED = /^\{changed(?::([A-Za-z0-9_.,-]+))?\}$/;

/** A placeholder word anywhere in a command string (for shell-syntax detection). */
export const CHANGED_PLACEHOLDER_IN_TEXT = /\{changed(?::[A-Za-z0-9_.,-]+)?\}/g;

/** True when the argv uses the `{changed}` placeholder (as a word or inside `sh -c` text). */
export function usesChanged(argv: readonly string[]): boolean {
  return argv.some((a) => CHANGED.test(a) || new RegExp(CHANGED_PLACEHOLDER_IN_TEXT).test(a));
}

/** The files a placeholder selects: all, or those with one of the listed extensions. */
function select(files: readonly string[], extensions: string | undefined): string[] {
  if (extensions === undefined) return [...files];
  const exts = extensions
    .split(',')
    .filter((e) => e !== '')
    .map((e) => (e.startsWith('.') ? e : `.${e}`));
  return files.filter((f) => exts.some((e) => f.endsWith(e)));
}

const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
/** POSIX shell quoting of one word. */
function shellQuote(word: string): string {
  return SAFE_WORD.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Replaces the placeholder in an argv. A whole-word placeholder becomes one argv entry per file
 * (a file starting with `-` gets `./` so no tool reads it as an option); a placeholder inside a
 * `sh -c` script becomes the shell-quoted file list. Returns null when a placeholder selects no
 * file (the gate is skipped).
 */
export function expandChanged(
  argv: readonly string[],
  changedFiles: readonly string[],
): string[] | null {
  const out: string[] = [];
  let empty = false;
  const safe = (f: string) => (f.startsWith('-') ? `./${f}` : f);
  for (const word of argv) {
    const whole = CHANGED.exec(word);
    if (whole) {
      const files = select(changedFiles, whole[1]);
      if (files.length === 0) empty = true;
      out.push(...files.map(safe));
      continue;
    }
    out.push(
      word.replace(CHANGED_PLACEHOLDER_IN_TEXT, (placeholder) => {
        const files = select(changedFiles, CHANGED.exec(placeholder)?.[1]);
        if (files.length === 0) empty = true;
        return files.map((f) => shellQuote(safe(f))).join(' ');
      }),
    );
  }
  return empty ? null : out;
}

/** The commands a kind of gate runs, in configured order. */
export function gatePlanFor(
  kind: GateKind,
  gates: readonly QualityGate[],
  changedFiles: readonly string[] = [],
): GatePlan {
  const run: GateCommandLine[] = [];
  const skipped: string[] = [];
  for (const gate of gates) {
    if (kind !== 'lite' || gate.lite === undefined) {
      run.push({ name: gate.name, argv: [...gate.argv] });
      continue;
    }
    const argv = expandChanged(gate.lite, changedFiles);
    if (argv === null) skipped.push(gate.name);
    else run.push({ name: gate.name, argv });
  }
  return { run, skipped };
}

/** Roles after which Quality-Lite runs. */
const LITE_ROLES: ReadonlySet<Role> = new Set(['Impl-Core', 'Impl-Polish']);

/**
 * The gate after a wave, by role (reference §E): Impl-Core and Impl-Polish → Quality-Lite; the
 * Quality wave → Full Gate; Discovery and Finalization → none. A plan without a Quality wave gets
 * its Full Gate after its last implementation wave instead, so no session ends on Quality-Lite
 * alone. `roles` are the plan's wave roles in order.
 */
export function gateKindAfterWave(roles: readonly Role[], wave: number): 'lite' | 'full' | null {
  const role = roles[wave - 1];
  if (role === 'Quality') return 'full';
  if (role === undefined || !LITE_ROLES.has(role)) return null;
  if (roles.includes('Quality')) return 'lite';
  const lastImpl = roles.reduce((last, r, i) => (LITE_ROLES.has(r) ? i + 1 : last), 0);
  return wave === lastImpl ? 'full' : 'lite';
}
