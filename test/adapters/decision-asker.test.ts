import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { policyAsker, terminalAsker } from '../../src/adapters/decision-asker.js';
import type { AskEffect } from '../../src/machines/intents.js';

const question: AskEffect = {
  kind: 'ask',
  key: 'ask:d-1-approve-plan',
  id: 'd-1-approve-plan',
  prompt: 'Approve the plan (3 waves, 4 tasks) and start?',
  options: ['approve', 'abort'],
  default: 'approve',
};

function terminal(answers: string[]) {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => {
    shown += chunk.toString('utf8');
    // Answer each prompt as a person would, one line at a time.
    if (/\? .*\) $/.test(shown.split('\n').at(-1) ?? '') && answers.length > 0) {
      input.write(`${answers.shift()}\n`);
    }
  });
  return { input, output, shown: () => shown };
}

describe('decision askers', () => {
  it('policy: the documented default, by policy', async () => {
    expect(await policyAsker(question, new AbortController().signal)).toEqual({
      answer: 'approve',
      by: 'policy',
    });
  });

  it('terminal: an option typed by the operator (case-insensitive)', async () => {
    const t = terminal(['ABORT']);
    const answer = await terminalAsker(t.input, t.output)(question, new AbortController().signal);
    expect(answer).toEqual({ answer: 'abort', by: 'user' });
    expect(t.shown()).toContain(
      '? Approve the plan (3 waves, 4 tasks) and start? ([approve]/abort) ',
    );
  });

  it('terminal: an empty answer takes the default; an unknown one asks again', async () => {
    const t = terminal(['maybe', '']);
    const answer = await terminalAsker(t.input, t.output)(question, new AbortController().signal);
    expect(answer).toEqual({ answer: 'approve', by: 'user' });
    expect(t.shown()).toContain('please answer one of: approve, abort');
  });

  it('terminal: an abort while waiting rejects (the session is being stopped)', async () => {
    const t = terminal([]);
    const controller = new AbortController();
    const pending = terminalAsker(t.input, t.output)(question, controller.signal);
    controller.abort();
    await expect(pending).rejects.toThrow(/abort/i);
  });
});
