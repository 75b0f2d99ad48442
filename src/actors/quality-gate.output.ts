/**
 * Output handling of quality-gate commands: a bounded tail of the combined output (the reference
 * keeps the last 50 lines) and test-count parsing of common runners' summary lines.
 */

/** Test counts recognised in a runner's summary. */
export interface TestCounts {
  passed: number;
  failed: number;
  total: number;
}

/** Lines kept of a failed gate's output (as in the reference). */
const TAIL_LINES = 50;
/** Hard cap on the characters of a tail, so one endless line cannot bloat the log. */
const TAIL_MAX_CHARS = 20_000;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/** Removes ANSI colour and OSC escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The last `n` lines of `text` (a trailing newline does not count as an empty last line). */
export function lastLines(text: string, n: number): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  let pos = end;
  for (let seen = 0; seen < n; seen++) {
    const nl = text.lastIndexOf('\n', pos - 1);
    if (nl < 0) return text.slice(0, end);
    pos = nl;
  }
  return text.slice(pos + 1, end);
}

/**
 * Accumulates a stream's text while keeping memory bounded: only the last `keepLines` lines (and
 * at most a few times `maxChars`) survive between trims.
 */
export class OutputTail {
  private buffer = '';

  constructor(
    private readonly keepLines = TAIL_LINES,
    private readonly maxChars = TAIL_MAX_CHARS,
  ) {}

  /** Appends a decoded chunk. */
  push(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > this.maxChars * 4) {
      this.buffer = lastLines(this.buffer, this.keepLines + 1).slice(-this.maxChars * 2);
    }
  }

  /** The tail: ANSI stripped, last `keepLines` lines, at most `maxChars` (cut at the start). */
  text(): string {
    const lines = lastLines(stripAnsi(this.buffer), this.keepLines);
    return lines.length > this.maxChars ? lines.slice(-this.maxChars) : lines;
  }
}

const int = (s: string | undefined): number => (s === undefined ? 0 : Number.parseInt(s, 10));

/** `label N` pairs of a summary like `1 failed | 2 passed` or `1 failed, 2 passed, 3 total`. */
function pairs(summary: string): Map<string, number> {
  const found = new Map<string, number>();
  for (const m of summary.matchAll(/(\d+)\s+([a-z]+)/g)) {
    found.set(m[2] as string, (found.get(m[2] as string) ?? 0) + int(m[1]));
  }
  return found;
}

function vitest(text: string): TestCounts | undefined {
  const m = [
    ...text.matchAll(/^\s*Tests\s+(\d+ [a-z]+(?:\s*\|\s*\d+ [a-z]+)*)\s+\((\d+)\)\s*$/gm),
  ].at(-1);
  if (m === undefined) return undefined;
  const p = pairs(m[1] as string);
  return { passed: p.get('passed') ?? 0, failed: p.get('failed') ?? 0, total: int(m[2]) };
}

function jest(text: string): TestCounts | undefined {
  const m = [...text.matchAll(/^\s*Tests:\s+(.*\d+ total)\s*$/gm)].at(-1);
  if (m === undefined) return undefined;
  const p = pairs(m[1] as string);
  return { passed: p.get('passed') ?? 0, failed: p.get('failed') ?? 0, total: p.get('total') ?? 0 };
}

function nodeTest(text: string): TestCounts | undefined {
  const grab = (label: string): string | undefined =>
    [...text.matchAll(new RegExp(`^(?:#|ℹ)\\s+${label}\\s+(\\d+)\\s*$`, 'gm'))].at(-1)?.[1];
  const tests = grab('tests');
  const pass = grab('pass');
  const fail = grab('fail');
  if (tests === undefined || pass === undefined || fail === undefined) return undefined;
  return { passed: int(pass), failed: int(fail), total: int(tests) };
}

function pytest(text: string): TestCounts | undefined {
  const re =
    /^[=\s]*((?:\d+ (?:passed|failed|skipped|errors?|xfailed|xpassed|deselected|warnings?)(?:, )?)+) in [\d.]+s\b.*$/gm;
  const m = [...text.matchAll(re)].at(-1);
  if (m === undefined) return undefined;
  const p = pairs(m[1] as string);
  const passed = p.get('passed') ?? 0;
  const failed = (p.get('failed') ?? 0) + (p.get('error') ?? 0) + (p.get('errors') ?? 0);
  const total =
    passed + failed + (p.get('skipped') ?? 0) + (p.get('xfailed') ?? 0) + (p.get('xpassed') ?? 0);
  return { passed, failed, total };
}

/**
 * Test counts from a vitest, jest, `node --test` or pytest summary in `output`, or undefined
 * when none is recognisable. ANSI colours are ignored.
 */
export function parseTestCounts(output: string): TestCounts | undefined {
  const text = stripAnsi(output);
  return vitest(text) ?? jest(text) ?? nodeTest(text) ?? pytest(text);
}
