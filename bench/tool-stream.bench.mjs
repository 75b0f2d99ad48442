// Live supervision over an agent's stream (issue 9, issue 12): a child process writes a
// 1,000,000-line realistic Claude Code stream-json tool-call stream
// (bench/lib/claude-tool-stream.mjs, ~575 MB) to a real pipe, and the parent runs
//   - wave: the agent runner's own path, nothing batched: `runAgentProcess` (the runner's child
//     process, started by the launcher) → the runner's stdout reader (`streamReader`: the parse
//     thread splits the chunks into lines and runs the Claude stream parser, as in a session) →
//     `RunCollector.add` for every item in this thread (the collector folds each tool call and
//     failure into its LoopWatchState, every loop detector, as the run arrives), then
//     `findings()` at the end; vs
//   - yardstick: bare `readline` + `JSON.parse` of every line of the same pipe, nothing else,
// the order alternated, RUNS runs each (default 3): min / median / max MB/s and the ratio of the
// median times. Targets: ratio ≤ 1.3, ≥ 100 MB/s. The machine is shared: read the spread.
// Events are not built here (the runner's event path, schema checks and the log are measured by
// agent-output and the runtime benches): this is parsing + supervision, the issue's figure.
// LINES (default 1,000,000) and RUNS are read from the environment.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const writer = join(root, 'bench', 'lib', 'claude-tool-stream.mjs');
const { streamReader } = await import(
  join(root, 'dist/actors/runners/parse-thread/shared-parse-thread.js')
);
const { RunCollector } = await import(join(root, 'dist/actors/runners/run-collector.js'));
const { runAgentProcess } = await import(join(root, 'dist/actors/runners/agent-process.js'));
const LINES = Number(process.env.LINES ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);

/** Bare yardstick: `readline` + `JSON.parse` of every line of the child's pipe. */
function bare() {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    let lines = 0;
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [writer, String(LINES)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      bytes += line.length + 1;
      JSON.parse(line);
      lines += 1;
    });
    rl.on('close', () => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({ bytes, ms, result: { lines } });
    });
    child.on('error', reject);
  });
}

/** The runner's path: child process and splitter, stream parser, run collector (detectors). */
async function wave() {
  const collector = new RunCollector('/work/repo');
  let bytes = 0;
  let calls = 0;
  const reader = streamReader('claude-stream-json', (items) => {
    for (const item of items) {
      if (item.kind === 'tool_called') calls += 1;
      collector.add(item);
    }
  });
  // The stream is ASCII: bytes are what the yardstick counts as characters.
  const counted = {
    ...reader,
    push(chunk) {
      bytes += chunk.length;
      reader.push(chunk);
    },
  };
  const t0 = process.hrtime.bigint();
  const exit = await runAgentProcess({
    argv: [process.execPath, writer, String(LINES)],
    cwd: root,
    env: process.env,
    signal: new AbortController().signal,
    stdout: counted,
  });
  const findings = collector.findings();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (exit.exitCode !== 0)
    throw new Error(`the stream writer exited ${exit.exitCode}: ${exit.stderrTail}`);
  return {
    bytes,
    ms,
    result: {
      calls,
      turns: collector.turnCount,
      verdicts: findings.length,
      stateBytes: JSON.stringify(collector.watch).length,
    },
  };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};
const f = (x) => Math.round(x * 10) / 10;
const times = { wave: [], bare: [] };
// CPU time of this process per run, both of its threads (the writer's is not counted on either
// side): on a shared machine it varies less than wall time.
const cpus = { wave: [], bare: [] };
const rates = { wave: [], bare: [] };
let info;
for (let i = 0; i < RUNS; i += 1) {
  for (const what of i % 2 === 0 ? ['wave', 'bare'] : ['bare', 'wave']) {
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const r = await (what === 'wave' ? wave() : bare());
    const c = process.cpuUsage(c0);
    cpus[what].push((c.user + c.system) / 1000);
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
const cw = stats(cpus.wave).median;
const cb = stats(cpus.bare).median;
console.log(
  `CPU of this process per run (median): wave ${Math.round(cw)} ms, yardstick ${Math.round(cb)} ms → ${Math.round((cw / cb) * 100) / 100}× (information)`,
);
console.log(
  `BENCH ${JSON.stringify({ name: `Claude stream parser + every loop detector over a ${LINES}-line pipe (min ${f(w.min)} / median ${f(w.median)} / max ${f(w.max)} MB/s)`, value: f(w.median), unit: 'MB/s', baseline: f(b.median), baselineName: `readline + JSON.parse of the same pipe (min ${f(b.min)} / median ${f(b.median)} / max ${f(b.max)} MB/s)`, ratio: Math.round(ratio * 100) / 100, target: '≤ 1.3×, ≥ 100 MB/s', ok: ratio <= 1.3 && w.median >= 100 })}`,
);
