/**
 * Test counts from a runner's summary in a gate's output (vitest, jest, `node --test` / TAP,
 * pytest, `go test -v` / `go test -json`). Pure: the caller strips ANSI colour first. Used by the gate runner for a green gate and
 * by the progress view for a red one (whose output the log keeps).
 */

/** Test counts recognised in a runner's summary. */
export interface TestCounts {
  passed: number;
  failed: number;
  total: number;
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
  // TAP / `node --test` summaries: `# pass 1`, `# fail 1`, `# tests 2` (ℹ in the spec reporter),
  // one per line or several on one line; `tests` may be missing.
  const grab = (label: string): string | undefined =>
    [...text.matchAll(new RegExp(`(?:^|\\s)(?:#|ℹ)\\s+${label}\\s+(\\d+)(?=\\s|$)`, 'gm'))].at(
      -1,
    )?.[1];
  const pass = grab('pass');
  const fail = grab('fail');
  if (pass === undefined || fail === undefined) return undefined;
  const tests = grab('tests');
  const skipped = int(grab('skipped')) + int(grab('todo'));
  return {
    passed: int(pass),
    failed: int(fail),
    total: tests === undefined ? int(pass) + int(fail) + skipped : int(tests),
  };
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

/** `go test -json`: one `pass` / `fail` / `skip` action per test (subtests included). */
function goJson(text: string): TestCounts | undefined {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  let seen = false;
  for (const m of text.matchAll(/^\{.*"Action":"(pass|fail|skip)".*\}\s*$/gm)) {
    if (!m[0].includes('"Test":"')) continue;
    seen = true;
    if (m[1] === 'pass') passed++;
    else if (m[1] === 'fail') failed++;
    else skipped++;
  }
  return seen ? { passed, failed, total: passed + failed + skipped } : undefined;
}

/**
 * `go test -v`: one `--- PASS|FAIL|SKIP: Name` line per test (subtests indented). Plain `go test`
 * lists only failures, so without the `=== RUN` lines of `-v` the passes are unknown: no counts.
 */
function goVerbose(text: string): TestCounts | undefined {
  if (!/^(?:ok|FAIL)\s+\S+\s+(?:[\d.]+s|\(cached\))/m.test(text)) return undefined;
  if (!/^=== RUN\s/m.test(text)) return undefined;
  const count = (word: string): number =>
    [...text.matchAll(new RegExp(`^\\s*--- ${word}: `, 'gm'))].length;
  const passed = count('PASS');
  const failed = count('FAIL');
  return { passed, failed, total: passed + failed + count('SKIP') };
}

/** Test counts of the last recognisable summary in `text` (ANSI already stripped), or undefined. */
export function parseSummaryCounts(text: string): TestCounts | undefined {
  return (
    vitest(text) ?? jest(text) ?? nodeTest(text) ?? pytest(text) ?? goJson(text) ?? goVerbose(text)
  );
}
