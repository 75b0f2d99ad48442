// Replay into ALL projections (issue 2): a 1,000,000-event (~200 MB) log of a real session shape
// read with `readLogFile` (every line validated, or trusted) and folded into every projection of
// `allProjections()` by the Projector, rendered once at the end; vs the yardstick measured in the
// same run: bare chunked read + JSON.parse of every line of the same file. Targets: validated ≤ 2.0×,
// trusted ≤ 1.3×, peak RSS of this process < 300 MB (`process.resourceUsage().maxRSS`).
//
// The log: a skeleton session recorded through the real Engine and Coordinator (5 waves × 50 agents,
// quality gate per wave, effects answered by a script), then every agent's run inflated with the
// stream events real agents produce (tool calls, output text, usage, tool failures) so the log
// reaches EVENTS lines; seqs and causations renumbered. It is written by a separate child process
// (`--generate FILE`) so its memory never counts in this process's peak RSS; deleted afterwards.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bareRead } from './lib/bare-read.mjs';
import { doneEvent, fillerText as text } from './lib/fake-data.mjs';

const EVENTS = Number(process.env.REPLAY_EVENTS ?? 1_000_000);
const WAVES = 5;
const AGENTS_PER_WAVE = 50;
const SESSION = 's-replay-bench';
const ROLES = ['Discovery', 'Impl-Core', 'Impl-Polish', 'Quality', 'Finalization'];

async function skeleton() {
  const { Engine } = await import('../dist/runtime/engine.js');
  const { createMemoryEventStore } = await import('../dist/adapters/memory-event-store.js');
  const { steppingClock } = await import('../dist/adapters/clock.js');
  const { Coordinator } = await import('../dist/machines/coordinator.js');
  const { Projector } = await import('../dist/projections/projector.js');
  const { ResolvedPlanSchema } = await import('../dist/domain/plan.schema.js');
  const { newEvent } = await import('../dist/events.js');
  const plan = ResolvedPlanSchema.parse({
    session: { type: 'deep', intent: 'Replay benchmark session' },
    config: {
      agentsPerWave: AGENTS_PER_WAVE,
      qualityGates: [{ name: 'test', argv: ['npm', 'test'] }],
    },
    runners: { default: { kind: 'claude' } },
    waves: ROLES.map((role, w) => ({
      wave: w + 1,
      role,
      tasks: Array.from({ length: AGENTS_PER_WAVE }, (_, i) => {
        const n = w * AGENTS_PER_WAVE + i + 1;
        return {
          id: `m-${n}`,
          task: `Implement part ${n} of the feature`,
          files: [`src/module-${n % 40}/file-${n}.ts`],
          acceptance: `test/m${n}.test.ts passes`,
        };
      }),
    })),
  });
  const log = [];
  const engine = new Engine({
    stream: SESSION,
    store: createMemoryEventStore({ validateOnAppend: false }),
    clock: steppingClock(Date.UTC(2026, 10, 24, 9), 7),
    coordinator: new Coordinator(),
    projector: new Projector([]),
    writer: null,
    version: 0,
  });
  engine.subscribe((batch) => log.push(...batch));
  engine.attach({
    start(effects, causation) {
      for (const e of effects) {
        const push = (ev) => engine.enqueue({ ...ev, causation });
        if (e.kind === 'ask')
          push(newEvent('decision.made', { id: e.id, answer: e.default, by: 'policy' }));
        else if (e.kind === 'inspect')
          push(
            newEvent('wave.inspected', {
              wave: e.wave,
              changedFiles: plan.waves[e.wave - 1].tasks.map((t) => t.files[0]).sort(),
            }),
          );
        else if (e.kind === 'run-gate')
          push(
            newEvent('gate.passed', {
              wave: e.wave,
              attempt: e.attempt,
              counts: { passed: 120, failed: 0, total: 120 },
              platform: 'linux',
            }),
          );
        else {
          push(
            newEvent('agent.started', {
              agentId: e.agentId,
              pid: 4000,
              argv: ['claude', '-p', '(prompt)', '--output-format', 'stream-json'],
            }),
          );
          push(
            doneEvent(e.agentId, {
              summary: `implemented ${e.task.id}`,
              filesChanged: e.task.files,
              turns: 14,
            }),
          );
        }
      }
      return [Promise.resolve()];
    },
  });
  engine.enqueue(
    newEvent('session.started', {
      sessionType: 'deep',
      intent: plan.session.intent,
      branch: 'main',
      platform: 'claude',
      repo: '/work/repo',
      headRef: null,
      semanticId: 'main-2026-11-24-deep-1',
      issues: [],
      pid: 4242,
      host: 'bench',
    }),
  );
  engine.enqueue(newEvent('session.planned', { plan, source: 'plan.yaml' }));
  await engine.run();
  return log;
}

/** One stream event of an agent run (the mix of a real Claude Code transcript). */
function streamData(k, agentId) {
  const r = (k * 2654435761) % 100;
  if (r < 50) {
    const callId = `toolu_${k.toString(36)}`;
    return r % 2 === 0
      ? [
          'agent.tool_called',
          {
            agentId,
            tool: 'Edit',
            input: {
              file_path: `src/m${k % 40}/f${k % 17}.ts`,
              old_string: text(k, 8),
              new_string: text(k + 1, 12),
            },
            callId,
          },
        ]
      : [
          'agent.tool_called',
          {
            agentId,
            tool: 'Bash',
            input: { command: `npx vitest run test/m${k % 90}.test.ts` },
            callId,
          },
        ];
  }
  if (r < 78) return ['agent.output', { agentId, text: text(k, 16 + (k % 60)) }];
  if (r < 92)
    return [
      'agent.usage',
      {
        agentId,
        inputTokens: k % 9000,
        outputTokens: k % 700,
        costUsd: 0.0123,
        turns: 1 + (k % 14),
      },
    ];
  return [
    'agent.tool_failed',
    {
      agentId,
      tool: 'Bash',
      error: `exit code 1: ${text(k, 24)}`,
      callId: `toolu_${k.toString(36)}`,
    },
  ];
}

async function generate(file) {
  const { serializeEvent } = await import('../dist/adapters/jsonl-serialize.js');
  const skel = await skeleton();
  const agents = skel.filter((e) => e.type === 'agent.started').length;
  const perAgent = Math.floor((EVENTS - skel.length) / agents);
  let extra = EVENTS - skel.length - perAgent * agents;
  const seqOf = new Map();
  let seq = 0;
  let k = 0;
  const out = createWriteStream(file);
  let chunk = '';
  const write = async (e) => {
    chunk += serializeEvent(e);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  };
  for (const e of skel) {
    seq += 1;
    seqOf.set(e.seq, seq);
    const copy = { ...e, seq };
    if (e.causation !== undefined) copy.causation = seqOf.get(e.causation);
    await write(copy);
    if (e.type !== 'agent.started') continue;
    const startedSeq = seq;
    const n = perAgent + (extra > 0 ? 1 : 0);
    if (extra > 0) extra -= 1;
    for (let i = 0; i < n; i++) {
      const [type, data] = streamData(++k, e.data.agentId);
      await write({
        v: 1,
        seq: ++seq,
        ts: e.ts,
        session: SESSION,
        type,
        data,
        causation: startedSeq,
      });
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  if (seq !== EVENTS) throw new Error(`generated ${seq} events, expected ${EVENTS}`);
}

async function measure(file) {
  const { readLogFile } = await import('../dist/adapters/jsonl-reader.js');
  const { Projector } = await import('../dist/projections/projector.js');
  const { allProjections } = await import('../dist/projections/all.projections.js');
  const replay = async (trusted) => {
    const projector = new Projector(allProjections());
    let count = 0;
    for await (const batch of readLogFile(file, { trusted })) {
      for (const e of batch) projector.evolve(e);
      count += batch.length;
    }
    const outputs = projector.render();
    if (outputs.length === 0) throw new Error('no projection rendered');
    return count;
  };
  const time = async (fn) => {
    const t0 = performance.now();
    const n = await fn();
    const ms = performance.now() - t0;
    if (n !== EVENTS) throw new Error(`read ${n} events, expected ${EVENTS}`);
    return ms;
  };
  const mb = (await stat(file)).size / 1e6;
  const best = { bare: Infinity, validated: Infinity, trusted: Infinity };
  // The order alternates each round: the yardstick does not always run first.
  const steps = [
    async () => (best.bare = Math.min(best.bare, await time(() => bareRead(file)))),
    async () => (best.validated = Math.min(best.validated, await time(() => replay(false)))),
    async () => (best.trusted = Math.min(best.trusted, await time(() => replay(true)))),
  ];
  for (let round = 0; round < 2; round++) {
    for (const step of round % 2 === 0 ? steps : [...steps].reverse()) await step();
  }
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const rate = (ms) => `${(mb / (ms / 1000)).toFixed(1)} MB/s`;
  const yard = `bare chunked read + JSON.parse: ${rate(best.bare)} (${best.bare.toFixed(0)} ms)`;
  console.log(
    `replay-projections: ${EVENTS.toLocaleString('en-US')} events, ${mb.toFixed(1)} MB log, ${WAVES} waves × ${AGENTS_PER_WAVE} agents, best of 2`,
  );
  const report = (name, ms, target) => {
    const ratio = ms / best.bare;
    console.log(
      `${name}: ${rate(ms)} (${ms.toFixed(0)} ms) vs ${yard} → ratio ${ratio.toFixed(2)} (target ≤ ${target})`,
    );
    console.log(
      `BENCH ${JSON.stringify({ name, value: +ms.toFixed(0), unit: 'ms', baseline: +best.bare.toFixed(0), baselineName: 'bare read + JSON.parse', ratio: +ratio.toFixed(2), target: `≤ ${target}`, ok: ratio <= target })}`,
    );
  };
  report('replay into all projections (validated)', best.validated, 2.0);
  report('replay into all projections (trusted)', best.trusted, 1.3);
  console.log(
    `replay-projections peak RSS: ${peakMb.toFixed(0)} MB vs limit: 300 MB → ratio ${(peakMb / 300).toFixed(2)} (target < 300 MB)`,
  );
  console.log(
    `BENCH ${JSON.stringify({ name: 'replay peak RSS', value: +peakMb.toFixed(0), unit: 'MB', baseline: 300, baselineName: 'limit', ratio: +(peakMb / 300).toFixed(2), target: '< 300 MB', ok: peakMb < 300 })}`,
  );
}

if (process.argv[2] === '--generate') {
  await generate(process.argv[3]);
} else {
  const dir = await mkdtemp(join(tmpdir(), 'wave-replay-proj-bench-'));
  try {
    const file = join(dir, `${SESSION}.jsonl`);
    const gen = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--generate', file], {
      stdio: 'inherit',
    });
    if (gen.status !== 0) throw new Error(`log generator exited ${gen.status}`);
    await measure(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
