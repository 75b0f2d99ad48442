// Live supervision over an agent's stream (issue 9): a child process writes a 1,000,000-line
// realistic Claude Code stream-json tool-call stream (bench/lib/claude-tool-stream.mjs, ~575 MB)
// to a real pipe; the parent reads it with `readline` and runs
//   - wave: our Claude stream parser + every loop detector (the facts of each tool call and
//     failure folded into one LoopWatchState, as the run collector does), vs
//   - yardstick: bare `readline` + `JSON.parse` of every line, nothing else,
// the order alternated, RUNS runs each (default 3): min / median / max MB/s and the ratio of the
// median times. Targets: ratio ≤ 1.3, ≥ 100 MB/s. The machine is shared: read the spread.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const writer = join(root, 'bench', 'lib', 'claude-tool-stream.mjs');
const { createClaudeStreamParser } = await import(
  join(root, 'dist/actors/runners/claude-stream.parser.js')
);
const { newLoopWatch, observeFactAll, finishLoopWatch } = await import(
  join(root, 'dist/domain/supervision/loop-watch.js')
);
const LINES = Number(process.env.LINES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);

/** Streams the child's output through `onLine`; resolves with bytes and milliseconds. */
function measure(makeOnLine) {
  return new Promise((resolve, reject) => {
    const onLine = makeOnLine();
    let bytes = 0;
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [writer, String(LINES)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      bytes += line.length + 1;
      onLine.line(line);
    });
    rl.on('close', () => {
      const result = onLine.end();
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({ bytes, ms, result });
    });
    child.on('error', reject);
  });
}

function bare() {
  let n = 0;
  return {
    line(line) {
      JSON.parse(line);
      n += 1;
    },
    end: () => ({ lines: n }),
  };
}

function wave() {
  const parser = createClaudeStreamParser();
  const state = newLoopWatch({ spiralRule: 'default', cwd: '/work/repo' });
  let verdicts = 0;
  let calls = 0;
  let turns = 0;
  const fold = (items) => {
    for (const item of items) {
      if (item.kind === 'tool_called') {
        if (item.parentCallId !== undefined) continue;
        calls += 1;
        verdicts += observeFactAll(state, {
          kind: 'call',
          tool: item.tool,
          input: item.input,
          callId: item.callId,
        }).length;
      } else if (item.kind === 'tool_failed') {
        verdicts += observeFactAll(state, {
          kind: 'failure',
          tool: item.tool,
          error: item.error,
          callId: item.callId,
        }).length;
      } else if (item.kind === 'turn') turns += 1;
    }
  };
  return {
    line: (line) => fold(parser.line(line)),
    end() {
      fold(parser.end());
      verdicts += finishLoopWatch(state).length;
      return { calls, turns, verdicts, stateBytes: JSON.stringify(state).length };
    },
  };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f = (x) => Math.round(x * 10) / 10;
const times = { wave: [], bare: [] };
const rates = { wave: [], bare: [] };
let info;
for (let i = 0; i < RUNS; i += 1) {
  for (const what of i % 2 === 0 ? ['wave', 'bare'] : ['bare', 'wave']) {
    globalThis.gc?.();
    const r = await measure(what === 'wave' ? wave : bare);
    times[what].push(r.ms);
    rates[what].push(r.bytes / 1e6 / (r.ms / 1000));
    if (what === 'wave') info = { ...r.result, mb: f(r.bytes / 1e6) };
  }
}
const w = stats(rates.wave);
const b = stats(rates.bare);
const ratio = stats(times.wave).median / stats(times.bare).median;
console.log(
  `stream: ${LINES} lines, ${info.mb} MB, ${info.calls} tool calls, ${info.turns} turns, ${info.verdicts} verdicts, detector state ${info.stateBytes} bytes at the end`,
);
console.log(
  `BENCH ${JSON.stringify({ name: `Claude stream parser + every loop detector over a ${LINES}-line pipe (min ${f(w.min)} / median ${f(w.median)} / max ${f(w.max)} MB/s)`, value: f(w.median), unit: 'MB/s', baseline: f(b.median), baselineName: `readline + JSON.parse of the same pipe (min ${f(b.min)} / median ${f(b.median)} / max ${f(b.max)} MB/s)`, ratio: Math.round(ratio * 100) / 100, target: '≤ 1.3×, ≥ 100 MB/s', ok: ratio <= 1.3 && w.median >= 100 })}`,
);
