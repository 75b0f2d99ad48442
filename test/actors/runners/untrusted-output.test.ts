/**
 * Whatever an agent prints is untrusted input (issue 8, items 1, 6 and 10): absurd numbers are
 * dropped and named, texts are made well-formed, long lines are cut, floods are coalesced. Each
 * case runs the real runner over a real child process printing Claude Code's `stream-json` shape
 * (the `result` message of the Claude Code SDK: `subtype`, `is_error`, `num_turns`, `result`,
 * `total_cost_usd`, `usage{input_tokens, cache_*_input_tokens, output_tokens}`).
 */
import { describe, expect, it } from 'vitest';
import type { RunnerSpec } from '../../../src/domain/plan.schema.js';
import { createAgentRunner } from '../../../src/actors/runners/agent.runner.js';
import { run } from './runner.helpers.js';

/** A command runner whose agent is `node -e <script>`. */
function script(body: string): RunnerSpec {
  return {
    kind: 'command',
    argv: [process.execPath, '-e', body],
    format: 'claude-stream-json',
    args: [],
    env: {},
  };
}

const STATUS = 'STATUS: done\\nSUMMARY: ok';

describe('untrusted agent output', () => {
  it.each([
    ['1e308', '{"input_tokens":1e308,"output_tokens":1e308}', '1e308', '1e308'],
    ['2^53', '{"input_tokens":9007199254740993,"output_tokens":5}', '9007199254740993', '-1'],
    ['negative and fractional', '{"input_tokens":-4,"output_tokens":2.5}', '3.5', '-0.1'],
  ])('%s in usage or total_cost_usd is dropped and named', async (_l, usage, t, c) => {
    const line = `{"type":"result","subtype":"success","is_error":false,"num_turns":${t},"result":"${STATUS}","total_cost_usd":${c},"usage":${usage}}`;
    const r = await run(script(`console.log(${JSON.stringify(line)})`));
    const u = r.events.find((e) => e.type === 'agent.usage');
    expect(u?.type).toBe('agent.usage');
    const data = u?.data as { rejected?: string[]; turns?: number };
    expect(data.rejected?.length).toBeGreaterThan(0);
    expect(r.terminal.type).toBe('agent.finished');
  });

  // num_turns is not read at all (turns are the distinct main-agent message ids), so a bogus
  // one is neither used nor named.
  it('sums past 2^53 are dropped, not thrown; a bogus num_turns is ignored', async () => {
    const line = `{"type":"result","subtype":"success","is_error":false,"num_turns":"12","result":"${STATUS}","total_cost_usd":1e400,"usage":{"input_tokens":9007199254740000,"cache_read_input_tokens":9007199254740000,"output_tokens":1}}`;
    const r = await run(script(`console.log(${JSON.stringify(line)})`));
    const u = r.events.find((e) => e.type === 'agent.usage');
    expect(u?.data).toMatchObject({
      outputTokens: 1,
      turns: 0,
      rejected: ['input_tokens', 'total_cost_usd'],
    });
    expect(r.terminal).toMatchObject({ type: 'agent.finished', data: { status: 'done' } });
  });

  it('a lone surrogate in agent text becomes U+FFFD in every event', async () => {
    const text = `{"type":"assistant","message":{"content":[{"type":"text","text":"half \\ud83d pair"}]}}`;
    const result = `{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"${STATUS} \\udc00","usage":{}}`;
    const r = await run(script(`console.log(${JSON.stringify(`${text}\n${result}`)})`));
    const out = r.events.find((e) => e.type === 'agent.output');
    expect(out?.data).toMatchObject({ text: 'half \uFFFD pair' });
    expect(JSON.stringify(r.terminal)).not.toMatch(/\\ud[89a-f]/i);
  });

  it('a 5 MB line is cut with a marker; the run still ends normally', async () => {
    const small = createAgentRunner({ maxLineBytes: 64 * 1024 });
    const body = `process.stdout.write('x'.repeat(5*1024*1024)+'\\n'); console.log(${JSON.stringify(`{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"${STATUS}","usage":{}}`)})`;
    const r = await run(script(body), {}, small);
    const texts = r.events.flatMap((e) => (e.type === 'agent.output' ? [e.data.text] : []));
    // The event keeps 4096 characters inline; the rest of the 64 KiB kept went to no blob here.
    expect(texts[0]?.length).toBeLessThan(5000);
    expect(texts.at(-1)).toBe(
      `[wave] 1 output line(s) longer than the line limit were cut (${5 * 1024 * 1024 - 64 * 1024} bytes dropped)`,
    );
    expect(r.terminal).toMatchObject({ type: 'agent.finished', data: { status: 'done' } });
  });

  it('100,000 lines become a bounded number of events, the merged ones counted', async () => {
    const body = `let s='';for(let i=0;i<100000;i++)s+='line '+i+'\\n';process.stdout.write(s);console.log(${JSON.stringify(`{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"${STATUS}","usage":{}}`)})`;
    const r = await run(script(body), {}, createAgentRunner({ outputEventsPerSecond: 50 }));
    const outs = r.events.filter((e) => e.type === 'agent.output');
    expect(outs.length).toBeLessThan(1000);
    const merged = outs.reduce(
      (n, e) => n + (e.type === 'agent.output' ? (e.data.coalesced ?? 1) : 0),
      0,
    );
    expect(merged).toBe(100000);
    expect(r.terminal).toMatchObject({ type: 'agent.finished', data: { status: 'done' } });
  });

  it('20,000 tool calls: a bounded number logged, the rest counted, the run still ends done', async () => {
    const call = (i: number) =>
      `{"type":"assistant","message":{"content":[{"type":"tool_use","id":"toolu_${i}","name":"Bash","input":{"command":"echo ${i}"}}]}}`;
    const body = `let s='';for(let i=0;i<20000;i++)s+=${JSON.stringify(call(0))}.replace('toolu_0','toolu_'+i).replace('echo 0','echo '+i)+'\\n';process.stdout.write(s);console.log(${JSON.stringify(`{"type":"result","subtype":"success","is_error":false,"num_turns":1,"result":"${STATUS}","usage":{}}`)})`;
    const r = await run(script(body), {}, createAgentRunner({ toolCallEventsPerSecond: 50 }));
    const logged = r.events.filter((e) => e.type === 'agent.tool_called').length;
    expect(logged).toBeLessThan(1000);
    const skipped = r.events
      .flatMap((e) => (e.type === 'agent.output' ? [e.data.text] : []))
      .map((t) => /^\[wave\] (\d+) tool call\(s\) beyond the event rate/.exec(t)?.[1])
      .reduce((n, m) => n + Number(m ?? 0), 0);
    expect(logged + skipped).toBe(20000);
    expect(r.terminal).toMatchObject({ type: 'agent.finished', data: { status: 'done' } });
  });
});
