/**
 * Replay's batched fold: `applyLogged` hands an agent run's consecutive tool calls and failures to
 * its actor as one transition. Given every scripted and recorded log, cut into chunks of every
 * size a reader may yield, when it is folded that way, then the machines and books end exactly as
 * one `apply` per event leaves them: the same proposals still open, effects in flight,
 * divergences, states, and the same persisted state (detectors included).
 */
import { describe, expect, it } from 'vitest';
import { newEvent, parseEvent, type DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import { at } from '../support/decider-spec.js';
import { simulate } from '../support/simulate.js';
import { everyLogFile, readLog } from '../replay/fixture-files.js';
import { coordinatorEnd } from '../support/coordinator-end.js';

const LOGS = everyLogFile();

/** What the coordinator ends with, an agent's `tripped` scratch left out (the last fact's verdicts one by one, the run's in a batch). */
const end = (c: Coordinator) => coordinatorEnd(c, { scratch: false });

describe.each(LOGS)('applyLogged over %s', (_name, file) => {
  it('ends as one apply per event, whatever the chunks', async () => {
    const events: DomainEvent[] = await readLog(file);
    const one = new Coordinator();
    for (const e of events) one.apply(e);
    const expected = end(one);
    for (const size of [1, 2, 3, 7, 64, events.length]) {
      const batched = new Coordinator();
      for (let i = 0; i < events.length; i += size) batched.applyLogged(events.slice(i, i + size));
      expect(end(batched), `chunks of ${size}`).toEqual(expected);
    }
  });
});

describe('applyLogged with a run of tool facts that trips verdicts', () => {
  it('given a running agent, when its undo-loop edits are folded as one run, then the verdicts are proposed as one fold per event proposes them', () => {
    const plan = {
      session: { type: 'feature', intent: 'Add rate limiting' },
      config: { maxTurns: 40 },
      runners: { default: { kind: 'claude' } },
      waves: [
        { wave: 1, role: 'Impl-Core', tasks: [{ id: 'm-1', task: 'Add it', files: ['src/a.ts'] }] },
      ],
    };
    const agentId = 'w1-m-1-a1';
    const { given, when } = at(
      simulate({ session: 'al-1', plan }),
      (e) => e.type === 'agent.started' && e.data.agentId === agentId,
    );
    const log: DomainEvent[] = [...given, when];
    const edit = (from: string, to: string) =>
      newEvent('agent.tool_called', {
        agentId,
        tool: 'Edit',
        input: { file_path: '/repo/src/a.ts', old_string: from, new_string: to },
      });
    for (let i = 0; i < 12; i++) {
      const e = i % 2 === 0 ? edit('let a = 1;', 'let a = 2;') : edit('let a = 2;', 'let a = 1;');
      const last = log[log.length - 1] as DomainEvent;
      log.push(parseEvent({ v: 1, seq: last.seq + 1, ts: last.ts, session: last.session, ...e }));
    }
    const one = new Coordinator();
    for (const e of log) one.apply(e);
    expect(one.pendingEvents().map((e) => e.type)).toContain('agent.loop_detected');
    const batched = new Coordinator();
    batched.applyLogged(log);
    expect(end(batched)).toEqual(end(one));
  });
});
