// Events through the live runtime (issue 3): the runtime Engine (stamp → append → decide) with the
// in-memory event store and the real Coordinator, vs the yardstick measured in the same run: bare
// XState actors, `createActor(agentMachine, { inspect })` + `send` of the same number of events with
// an inspect callback, one actor per agent run, each started first (see `bareActor`). Target:
// runtime throughput ≥ 0.7× the bare actors'.
//
// The session is real: session.started/planned, the approval decision, one Impl-Core wave of 10
// tasks whose agents each stream 10,000 `agent.tool_called` events (100,000 in all) before they
// finish, then review, completion. Effects are answered synchronously by a scripted effect runner
// (no processes: this measures the runtime, not the actors). No projections (decide only; a second
// line adds every projection, folded and rendered once per commit, unwritten, for information).
//
// The agents' stream events are built before the clock starts, as the yardstick's are: building
// them is the actors' work (a stream parser's, measured by tool-stream.bench.mjs), not the
// runtime's. Each is still enqueued one by one, with its causation, as the effect runner does.
import { createActor } from 'xstate';
import { Engine } from '../dist/runtime/engine.js';
import { createMemoryEventStore } from '../dist/adapters/memory-event-store.js';
import { steppingClock } from '../dist/adapters/clock.js';
import { Coordinator } from '../dist/machines/coordinator.js';
import { agentMachine } from '../dist/machines/agent.machine.js';
import { Projector } from '../dist/projections/projector.js';
import { allProjections } from '../dist/projections/all.projections.js';
import { ResolvedPlanSchema } from '../dist/domain/plan.schema.js';
import { newEvent } from '../dist/events.js';
import { doneEvent } from './lib/fake-data.mjs';

const TASKS = 10;
const TOOLS_PER_AGENT = Number(process.env.TOOLS_PER_AGENT ?? 10_000);
const ROUNDS = 3;
const STREAM = 's-runtime-bench';

const plan = ResolvedPlanSchema.parse({
  session: { type: 'feature', intent: 'Runtime throughput benchmark' },
  config: { agentsPerWave: TASKS },
  runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
  waves: [
    {
      wave: 1,
      role: 'Impl-Core',
      tasks: Array.from({ length: TASKS }, (_, i) => ({
        id: `m-${i + 1}`,
        task: `Task ${i + 1}`,
        files: [`src/f${i}.ts`],
      })),
    },
  ],
});

/** The agent runs' stream events, built ahead (the agent ids the coordinator gives wave 1). */
function agentStreams() {
  const streams = new Map();
  for (const task of plan.waves[0].tasks) {
    const agentId = `w1-${task.id}-a1`;
    const events = new Array(TOOLS_PER_AGENT);
    for (let i = 0; i < TOOLS_PER_AGENT; i++) {
      events[i] = newEvent('agent.tool_called', {
        agentId,
        tool: 'Edit',
        input: { file_path: `src/f${i % 50}.ts` },
      });
    }
    streams.set(agentId, events);
  }
  return streams;
}

/** Answers every effect at once, as the real actors would report back: by queueing events. */
function scriptedEffects(engine, streams) {
  return {
    start(effects, causation) {
      for (const e of effects) {
        const push = (ev) => engine.enqueue(ev, causation);
        if (e.kind === 'ask')
          push(newEvent('decision.made', { id: e.id, answer: e.default, by: 'policy' }));
        else if (e.kind === 'inspect')
          push(newEvent('wave.inspected', { wave: e.wave, changedFiles: [] }));
        else if (e.kind === 'run-gate')
          push(newEvent('gate.passed', { wave: e.wave, attempt: e.attempt, platform: 'linux' }));
        else {
          const agentId = e.agentId;
          const stream = streams.get(agentId);
          if (!stream) throw new Error(`no stream built for agent ${agentId}`);
          push(newEvent('agent.started', { agentId, pid: null, argv: ['scripted'] }));
          for (const event of stream) push(event);
          push(doneEvent(agentId));
        }
      }
      return [Promise.resolve()];
    },
  };
}

async function runtimeSession({ projections, validateOnAppend }) {
  const engine = new Engine({
    stream: STREAM,
    store: createMemoryEventStore({ validateOnAppend }),
    clock: steppingClock(Date.UTC(2026, 10, 24, 9)),
    coordinator: new Coordinator(),
    projector: new Projector(projections ? allProjections() : []),
    writer: null,
    version: 0,
  });
  engine.attach(scriptedEffects(engine, agentStreams()));
  let count = 0;
  engine.subscribe((batch) => {
    count += batch.length;
  });
  const t0 = performance.now();
  engine.enqueue(
    newEvent('session.started', {
      sessionType: 'feature',
      intent: plan.session.intent,
      branch: 'main',
      platform: 'claude',
      repo: '/repo',
      headRef: null,
      semanticId: 'main-2026-11-24-feature-1',
      issues: [],
      pid: 1,
      host: 'bench',
    }),
  );
  engine.enqueue(newEvent('session.planned', { plan, source: 'bench' }));
  await engine.run();
  const ms = performance.now() - t0;
  return { count, ms };
}

/**
 * The yardstick: bare agent actors (`createActor` with an inspect callback seeing every event), one
 * per task as in the session, fed `count` events in all, one agent's stream after the other like
 * the runtime gets them. Each stream opens with the run's `agent.started`: an actor still `queued`
 * ignores tool calls (no transition, no detector fold), which would make the yardstick a measure
 * of dropped events; and one actor fed every agent's calls would fold ten times its history.
 */
function bareActor(count, { withInspect = true } = {}) {
  const per = Math.ceil(count / TASKS);
  const streams = Array.from({ length: TASKS }, (_, t) => {
    const agentId = `w1-m-${t + 1}-a1`;
    const n = Math.min(per, count - t * per);
    return Array.from({ length: n }, (_, i) => ({
      v: 1,
      seq: t * per + i + 1,
      ts: '2026-11-24T09:00:00.000Z',
      session: STREAM,
      type: i === 0 ? 'agent.started' : 'agent.tool_called',
      data:
        i === 0
          ? { agentId, pid: null, argv: ['scripted'] }
          : { agentId, tool: 'Edit', input: { file_path: `src/f${i % 50}.ts` } },
    }));
  });
  let seen = 0;
  let folded = 0;
  const inspect = (ev) => {
    if (ev.type === '@xstate.event') seen += 1;
  };
  const t0 = performance.now();
  const actors = streams.map((events, t) => {
    const actor = createActor(agentMachine, {
      input: { agentId: `w1-m-${t + 1}-a1`, taskId: `m-${t + 1}`, wave: 1 },
      ...(withInspect ? { inspect } : {}),
    });
    actor.start();
    for (const e of events) actor.send(e);
    return actor;
  });
  const ms = performance.now() - t0;
  for (const actor of actors) {
    folded += actor.getSnapshot().context.toolCalls;
    actor.stop();
  }
  if (withInspect && seen < count) throw new Error(`inspect saw ${seen} of ${count} events`);
  if (folded !== count - TASKS) {
    throw new Error(`the actors folded ${folded} of ${count - TASKS} tool calls`);
  }
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rate = (n, ms) => n / (ms / 1000);
const eps = (x) => `${Math.round(x).toLocaleString('en-US')} events/s`;

await runtimeSession({ projections: false, validateOnAppend: true }); // warm-up
bareActor(100_000);
// Each round measures the yardstick right before and after the runtime and pairs them, so a busy
// machine skews both sides alike; the figure is the median of the per-round ratios.
const runtime = [];
const trusted = [];
const withProjections = [];
const bare = [];
const ratios = [];
const vsNoInspect = [];
let count = 0;
for (let r = 0; r < ROUNDS; r++) {
  const before = rate(100_082, bareActor(100_082));
  const a = await runtimeSession({ projections: false, validateOnAppend: true });
  count = a.count;
  const after = rate(a.count, bareActor(a.count));
  const y0 = (before + after) / 2;
  runtime.push(rate(a.count, a.ms));
  bare.push(y0);
  ratios.push(rate(a.count, a.ms) / y0);
  trusted.push(
    rate(a.count, (await runtimeSession({ projections: false, validateOnAppend: false })).ms) / y0,
  );
  withProjections.push(
    rate(a.count, (await runtimeSession({ projections: true, validateOnAppend: true })).ms) / y0,
  );
  vsNoInspect.push(rate(a.count, a.ms) / rate(a.count, bareActor(a.count, { withInspect: false })));
}
const x = median(runtime);
const y = median(bare);
const ratio = median(ratios);
const yard = `bare createActor+send with inspect (${TASKS} actors): ${eps(y)}`;
console.log(
  `runtime-events: ${count.toLocaleString('en-US')} events per session (${TASKS * TOOLS_PER_AGENT} agent.tool_called), median of ${ROUNDS} paired rounds`,
);
console.log(
  `runtime events (stamp → append → decide, memory store): ${eps(x)} vs ${yard} → ratio ${ratio.toFixed(2)} (target ≥ 0.7)`,
);
console.log(
  `runtime events, store validateOnAppend: false (stamp already validated): ${eps(median(trusted) * y)} vs ${yard} → ratio ${median(trusted).toFixed(2)} (information)`,
);
console.log(
  `runtime events + all projections (folded, rendered once per commit): ${eps(median(withProjections) * y)} vs ${yard} → ratio ${median(withProjections).toFixed(2)} (information)`,
);
console.log(
  `runtime events vs the same bare actors without an inspect callback: ratio ${median(vsNoInspect).toFixed(2)} (information)`,
);
console.log(
  `BENCH ${JSON.stringify({ name: 'runtime events vs bare actor', value: Math.round(x), unit: 'events/s', baseline: Math.round(y), baselineName: 'createActor+send+inspect', ratio: +ratio.toFixed(2), target: '≥ 0.7', ok: ratio >= 0.7 })}`,
);
