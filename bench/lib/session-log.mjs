// Real session logs for the benchmarks, made once per size and kept in the temp directory:
// a git repository in which a whole session ran through the runtime (createWaveExecutor: engine,
// machines, JSONL store, projections), 2 waves × 5 agents, each agent a host-supplied runner that
// bursts `perAgent` tool calls as fast as it can (honouring the engine's backpressure). The log is
// therefore a coherent session (replayable through the machines), not a synthetic one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent } from '../../dist/events.js';
import { doneEvent } from './fake-data.mjs';

const AGENTS = 10;

/** A runner that emits `perAgent` tool calls in a burst, pausing while the engine is saturated. */
export function burstRunner(perAgent) {
  return {
    async run(request, emit) {
      const agentId = request.agentId;
      emit(newEvent('agent.started', { agentId, pid: null, argv: ['burst'] }));
      for (let i = 0; i < perAgent; i++) {
        emit(
          newEvent('agent.tool_called', {
            agentId,
            tool: i % 3 === 0 ? 'Edit' : 'Read',
            input: { file_path: `src/module-${i % 300}/file-${i % 17}.ts` },
            callId: `toolu_${i.toString(36)}`,
          }),
        );
        if (request.backpressure?.saturated()) await request.backpressure.drained();
      }
      return { terminal: doneEvent(agentId, { summary: 'burst done' }), findings: [] };
    },
  };
}

/** A fresh git repository with one commit. */
export function makeRepo(dir) {
  const repo =
    dir ??
    execFileSync('mktemp', ['-d', join(tmpdir(), 'wave-bench-XXXXXX')], {
      encoding: 'utf8',
    }).trim();
  mkdirSync(repo, { recursive: true });
  const git = (...args) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'bench@example.invalid');
  git('config', 'user.name', 'wave bench');
  writeFileSync(join(repo, 'README.md'), '# bench\n');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
  return repo;
}

/** The plan of the generated sessions. */
export async function burstPlan() {
  const { ResolvedPlanSchema } = await import('../../dist/domain/plan.schema.js');
  return ResolvedPlanSchema.parse({
    session: { type: 'feature', intent: 'Benchmark session' },
    config: {},
    runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
    waves: ['Impl-Core', 'Quality'].map((role, w) => ({
      wave: w + 1,
      role,
      tasks: Array.from({ length: AGENTS / 2 }, (_, i) => ({
        id: `m-${w * 5 + i + 1}`,
        task: `Task ${i}`,
        files: [],
      })),
    })),
  });
}

/** Runs one burst session in `repo`; returns the executor's outcome. */
export async function runBurstSession(repo, perAgent, extra = {}) {
  const { createWaveExecutor } = await import('../../dist/runtime.js');
  const executor = await createWaveExecutor({
    plan: await burstPlan(),
    repo,
    runners: { default: burstRunner(perAgent) },
    ...extra,
  });
  return executor.run();
}

/**
 * A repository holding a finished session of about `events` events (cached under the temp
 * directory across runs). Returns `{ repo, log, bytes, events }`.
 */
export async function sessionRepo(events) {
  const base = join(tmpdir(), 'wave-bench-logs');
  const done = join(base, `session-${events}`);
  const find = () => {
    const dir = join(done, '.orchestrator', 'log');
    const name = readdirSync(dir).find((f) => f.endsWith('.jsonl'));
    const log = join(dir, name);
    const lines = Number(execFileSync('wc', ['-l', log], { encoding: 'utf8' }).split(' ')[0]);
    return { repo: done, log, bytes: statSync(log).size, events: lines };
  };
  if (existsSync(join(done, '.complete'))) return find();
  mkdirSync(base, { recursive: true });
  rmSync(done, { recursive: true, force: true });
  const repo = makeRepo(done);
  const t0 = performance.now();
  const outcome = await runBurstSession(repo, Math.ceil(events / AGENTS));
  if (outcome.exitCode !== 0) throw new Error(`generating the log: ${JSON.stringify(outcome)}`);
  // The status snapshot the run left (if any) is not part of the fixture: each bench decides.
  rmSync(join(repo, '.orchestrator', 'runtime', 'status'), { recursive: true, force: true });
  writeFileSync(join(repo, '.complete'), '');
  console.log(
    `(generated a ${events.toLocaleString('en-US')}-event session log in ${((performance.now() - t0) / 1000).toFixed(1)} s, cached in ${done})`,
  );
  return find();
}
