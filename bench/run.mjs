// Runs every benchmark (`npm run bench` builds first), each in its own `node` child process so
// RSS, heap and JIT state are per benchmark, in a fixed order; echoes each one's output under a
// header, then prints one table of every figure: value | yardstick | ratio | target | ok?.
//
// A bench reports a figure either as a machine-readable line
//   BENCH {"name":…,"value":…,"unit":…,"baseline":…,"baselineName":…,"ratio":…,"target":…,"ok":…}
// or as the human line `<name>: <figure> vs <baseline>: <figure> → ratio <x> (target …)`, which is
// parsed here (the target's clauses are checked against the ratio, or against the value when the
// clause carries a unit, e.g. `≤ 0.5 µs`). When a bench prints BENCH lines, only those count.
// Benchmarks are measurements, not tests: a missed target does not fail the run; a bench that
// crashes does (exit 1). `node bench/run.mjs coordinator startup` runs only the named ones.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ORDER = [
  'worker-pool',
  'event-store-append',
  'state-md',
  'mission-transitions',
  'replay-read',
  'replay-projections',
  'runtime-events',
  'coordinator',
  'startup',
  'hook',
  'inspector',
  'redact',
  'agent-output',
  'tool-stream',
  'worktree',
  'live-commit',
  'shared-files',
  'producer-burst',
  'status-big-log',
  'real-agents',
  'replay-machines',
];
const TIMEOUT_MS = 20 * 60 * 1000;

const only = process.argv.slice(2);
const selected = only.length ? ORDER.filter((n) => only.includes(n)) : ORDER;
for (const n of only)
  if (!ORDER.includes(n))
    console.error(`bench/run.mjs: unknown bench "${n}" (known: ${ORDER.join(', ')})`);

function runBench(name) {
  return new Promise((resolve) => {
    const lines = [];
    let pending = '';
    const child = spawn(process.execPath, ['--expose-gc', join(here, `${name}.bench.mjs`)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (text) => {
      process.stdout.write(text);
      pending += text;
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      lines.push(...parts);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (pending) lines.push(pending);
      resolve({ code, signal, lines });
    });
  });
}

const NUM = /-?[\d,]*\.?\d+/;
const toNumber = (s) => Number(s.replace(/,/g, ''));

/** Splits "312,000 events/s" into 312000 and "events/s"; null when there is no number. */
function figure(text) {
  const m = NUM.exec(text);
  if (!m) return null;
  return {
    n: toNumber(m[0]),
    unit:
      text
        .slice(m.index + m[0].length)
        .trim()
        .split(/[ (]/)[0] ?? '',
  };
}

/** Checks every comparative clause of a target text; null when it has none (informational). */
function judge(target, ratio, value) {
  const clauses = [
    ...target.matchAll(/(≤|≥|<|>)\s*(-?[\d,]*\.?\d+)\s*(µs|ms|s|MB|events\/s|×|x)?/g),
  ];
  if (clauses.length === 0) return null;
  let ok = true;
  for (const [, op, num, unit] of clauses) {
    const limit = toNumber(num);
    let subject = ratio;
    if (unit && unit !== '×' && unit !== 'x') {
      if (!value || value.unit !== unit) continue; // a clause about another quantity
      subject = value.n;
    }
    if (subject === null || Number.isNaN(subject)) continue;
    const pass =
      op === '≤'
        ? subject <= limit
        : op === '≥'
          ? subject >= limit
          : op === '<'
            ? subject < limit
            : subject > limit;
    ok &&= pass;
  }
  return ok;
}

// Names may hold ': ' (e.g. `(validateOnAppend: false)`); figures never do.
const HUMAN =
  /^(.+): ([^:]+?) vs (.+): ([^:]+?) → ratio (-?[\d.]+|NaN|Infinity) \(target (.+)\)\s*$/;

function rowsOf(bench, lines) {
  const json = lines.filter((l) => l.startsWith('BENCH '));
  if (json.length > 0) {
    return json.map((l) => {
      try {
        const b = JSON.parse(l.slice(6));
        const fmt = (v) =>
          v === null || v === undefined
            ? '—'
            : `${typeof v === 'number' ? v.toLocaleString('en-US') : v}${b.unit ? ` ${b.unit}` : ''}`;
        return {
          bench,
          figure: b.name,
          value: b.value === null ? (b.note ?? 'pending') : fmt(b.value),
          yardstick:
            b.baseline === null || b.baseline === undefined
              ? '—'
              : `${b.baselineName ?? 'baseline'}: ${fmt(b.baseline)}`,
          ratio: b.ratio === null || b.ratio === undefined ? '—' : String(b.ratio),
          target: String(b.target ?? '—'),
          ok:
            b.ok === true
              ? 'yes'
              : b.ok === false
                ? 'NO'
                : b.target === 'report'
                  ? 'report'
                  : 'pending',
        };
      } catch (error) {
        return {
          bench,
          figure: `unparseable BENCH line (${error.message})`,
          value: l,
          yardstick: '',
          ratio: '',
          target: '',
          ok: '?',
        };
      }
    });
  }
  const rows = [];
  for (const l of lines) {
    const m = HUMAN.exec(l);
    if (!m) continue;
    const [, name, value, baseName, baseValue, ratio, target] = m;
    const verdict = /information/.test(target) ? null : judge(target, Number(ratio), figure(value));
    rows.push({
      bench,
      figure: name,
      value,
      yardstick: `${baseName}: ${baseValue}`,
      ratio,
      target,
      ok: verdict === null ? 'info' : verdict ? 'yes' : 'NO',
    });
  }
  return rows;
}

function table(rows) {
  const cols = ['figure', 'value', 'yardstick', 'ratio', 'target', 'ok'];
  const head = {
    figure: 'figure',
    value: 'value',
    yardstick: 'yardstick',
    ratio: 'ratio',
    target: 'target',
    ok: 'ok?',
  };
  const width = Object.fromEntries(
    cols.map((c) => [c, Math.max(...[head, ...rows].map((r) => String(r[c]).length))]),
  );
  const fmt = (r) => cols.map((c) => String(r[c]).padEnd(width[c])).join(' | ');
  console.log(fmt(head));
  console.log(cols.map((c) => '-'.repeat(width[c])).join('-|-'));
  for (const r of rows) console.log(fmt(r));
}

const rows = [];
let crashed = false;
for (const name of selected) {
  const file = join(here, `${name}.bench.mjs`);
  console.log(`\n=== ${name} (${file.slice(here.length + 1)}) ===`);
  if (!existsSync(file)) {
    console.log('(missing: not written yet)');
    rows.push({
      bench: name,
      figure: `${name}`,
      value: 'missing',
      yardstick: '—',
      ratio: '—',
      target: '—',
      ok: 'missing',
    });
    continue;
  }
  const t0 = performance.now();
  const { code, signal, lines } = await runBench(name);
  const secs = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(
    `--- ${name}: ${code === 0 ? 'done' : `FAILED (exit ${code ?? signal})`} in ${secs} s`,
  );
  const got = rowsOf(name, lines);
  if (code !== 0) {
    crashed = true;
    got.push({
      bench: name,
      figure: `${name} bench`,
      value: `crashed (exit ${code ?? signal})`,
      yardstick: '—',
      ratio: '—',
      target: '—',
      ok: 'NO',
    });
  } else if (got.length === 0) {
    got.push({
      bench: name,
      figure: `${name} bench`,
      value: 'printed no figure',
      yardstick: '—',
      ratio: '—',
      target: '—',
      ok: '?',
    });
  }
  rows.push(...got);
}

console.log(`\n=== summary (${new Date().toISOString()}, node ${process.version}) ===`);
table(rows);
const missed = rows.filter((r) => r.ok === 'NO').length;
console.log(
  `\n${rows.length} figures, ${rows.filter((r) => r.ok === 'yes').length} on target, ${missed} missed, ${rows.filter((r) => !['yes', 'NO'].includes(r.ok)).length} informational/pending/missing`,
);
process.exitCode = crashed ? 1 : 0;
