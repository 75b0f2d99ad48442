// A coordinator process for the crash suite (issue 8): runs (or resumes) a 3-wave session through
// the built library, and kills itself with SIGKILL at a chosen point:
//   node crash-child.mjs <repo> run|resume [--kill-at N] [--where log|files] [--kill-ms MS]
// --kill-at N --where log    right after the N-th commit of this process is durable, before the
//                            engine writes the projections of that commit;
// --kill-at N --where files  right after the projections of the N-th commit are written;
// --kill-ms MS               MS milliseconds after the session starts running.
// Agents are in-process (a host-supplied runner, as a harness would give): each writes
// src/<task>.txt with fixed content, so a re-dispatched agent leaves the same files. Prints
// `commits <n>` then `outcome <json>` on a normal end.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWaveExecutor, resumeWaveExecutor } from '../../dist/runtime.js';
import { createJsonlEventStore } from '../../dist/adapters/jsonl-event-store.js';
import { ResolvedPlanSchema } from '../../dist/domain/plan.schema.js';
import { newEvent } from '../../dist/events.js';

const [repo, mode, ...rest] = process.argv.slice(2);
const opt = (name) => {
  const i = rest.indexOf(name);
  return i < 0 ? undefined : rest[i + 1];
};
const killAt = Number(opt('--kill-at') ?? 0);
const where = opt('--where') ?? 'log';
const killMs = Number(opt('--kill-ms') ?? 0);
const die = () => process.kill(process.pid, 'SIGKILL');

export const PLAN = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Crash suite session' },
  config: {},
  runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
  waves: ['Impl-Core', 'Impl-Polish', 'Quality'].map((role, w) => ({
    wave: w + 1,
    role,
    tasks: [{ id: `m-${w + 1}`, task: `Task ${w + 1}`, files: [`src/m-${w + 1}.txt`] }],
  })),
});

const runner = {
  async run(request, emit) {
    emit(newEvent('agent.started', { agentId: request.agentId, pid: null, argv: ['in-process'] }));
    const file = `src/${request.taskId}.txt`;
    mkdirSync(join(request.cwd, 'src'), { recursive: true });
    writeFileSync(join(request.cwd, file), `done ${request.taskId}\n`);
    await new Promise((r) => setTimeout(r, 5));
    const terminal = newEvent('agent.finished', {
      agentId: request.agentId,
      status: 'done',
      reported: 'done',
      summary: `done ${request.taskId}`,
      filesChanged: [file],
      turns: 1,
      exitCode: 0,
      openQuestions: [],
    });
    return { terminal, findings: [] };
  },
};

const store = createJsonlEventStore({
  dir: join(repo, '.orchestrator', 'log'),
  validateOnAppend: false,
});
const common = { repo, store, runners: { default: runner }, heartbeatMs: 3_600_000 };
const executor =
  mode === 'run'
    ? await createWaveExecutor({
        ...common,
        plan: PLAN,
        allowDirty: true,
        planSource: 'crash-suite',
      })
    : await resumeWaveExecutor(common);
let commits = 0;
let projected = 0;
store.subscribe(executor.sessionId, () => {
  commits += 1;
  if (where === 'log' && commits === killAt) die();
});
executor.subscribe(() => {
  projected += 1;
  if (where === 'files' && projected === killAt) die();
});
if (killMs > 0) setTimeout(die, killMs);
const outcome = await executor.run();
process.stdout.write(`commits ${commits}\noutcome ${JSON.stringify(outcome)}\n`);
