import { describe, expect, it } from 'vitest';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { createMemoryEventStore } from '../../src/adapters/memory-event-store.js';
import { readAll } from '../../src/adapters/event-store.js';
import type { AgentRunner, AgentTerminalEvent } from '../../src/ports.js';
import { newEvent } from '../../src/events.js';
import { createWaveExecutor } from '../../src/runtime.js';
import { makeRepo } from '../support/git-repo.js';

describe('the engine starts an effect only once the events proposed with it are logged', () => {
  it('asks a question after its decision.requested, runs an agent after its agent.dispatched', async () => {
    const store = createMemoryEventStore();
    let stream = '';
    const seen: string[] = [];
    const logged = async (type: string, key: string, value: string) =>
      (await readAll(store, stream)).some(
        (e) => e.type === type && (e.data as Record<string, unknown>)[key] === value,
      );
    const runner: AgentRunner = {
      async run(request, emit) {
        seen.push(
          `agent ${request.agentId} dispatched=${await logged('agent.dispatched', 'agentId', request.agentId)}`,
        );
        emit(newEvent('agent.started', { agentId: request.agentId, pid: null, argv: ['x'] }));
        const terminal: AgentTerminalEvent = newEvent('agent.finished', {
          agentId: request.agentId,
          status: 'done',
          reported: 'done',
          summary: 'ok',
          filesChanged: [],
          turns: 1,
          exitCode: 0,
          openQuestions: [],
        }) as AgentTerminalEvent;
        return { terminal, findings: [] };
      },
    };
    const plan = ResolvedPlanSchema.parse({
      session: { type: 'feature', intent: 'order' },
      config: {},
      runners: { default: { kind: 'claude' } },
      waves: [
        {
          wave: 1,
          role: 'Impl-Core',
          tasks: [
            { id: 'm-1', task: 'a' },
            { id: 'm-2', task: 'b' },
          ],
        },
      ],
    });
    const executor = await createWaveExecutor({
      plan,
      repo: makeRepo(),
      store,
      runners: { default: runner },
      ask: async (q) => {
        seen.push(`ask ${q.id} requested=${await logged('decision.requested', 'id', q.id)}`);
        return { answer: q.default, by: 'policy' };
      },
    });
    stream = executor.sessionId;
    expect((await executor.run()).exitCode).toBe(0);
    expect(seen.sort()).toEqual([
      'agent w1-m-1-a1 dispatched=true',
      'agent w1-m-2-a1 dispatched=true',
      'ask d-1-approve-plan requested=true',
    ]);
  });
});
