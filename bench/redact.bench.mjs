// Secret redaction on a big tool stream (issue 7): every event passes the redactor before it is
// appended, so it must cost less than what the append does anyway. Subject: `redactor.deep(data)`
// of 100,000 realistic agent events (tool calls with code and shell commands, tool failures,
// assistant text, gate output; one in 500 holds a token) with the redactor the runtime builds
// (built-in rules, the secret-named variables of this environment, two runner env values). Yardstick
// in the same run: what the engine does anyway for each of the same events before and during the
// append — validate its data with the type's zod schema and serialize it (`JSON.stringify`).
// Order alternated, 5 rounds, min/median/max. Target: ratio ≤ 1 (redaction is not the bottleneck
// of the append path).
import { createRedactor, secretEnvValues } from '../dist/domain/redact.js';
import { validateEventData } from '../dist/events.js';
import { fillerText } from './lib/fake-data.mjs';

const N = Number(process.env.REDACT_EVENTS ?? 100_000);
const ROUNDS = 5;

const CODE = `export function limit(req, res, next) {\n  const bucket = buckets.get(req.ip) ?? { tokens: 10, at: Date.now() };\n  if (bucket.tokens <= 0) return res.status(429).end();\n  bucket.tokens -= 1;\n  next();\n}\n`;

const wrap = (type, data) => ({ type, data });

function event(i) {
  const agentId = `a-${i % 8}`;
  const leak = i % 500 === 0 ? ` sk-ant-api03-${'x'.repeat(40)}` : '';
  switch (i % 5) {
    case 0:
      return wrap('agent.tool_called', {
        agentId,
        tool: 'Edit',
        input: { file_path: `src/mw/f${i % 40}.ts`, old_string: CODE, new_string: CODE + leak },
        callId: `toolu_01${i.toString(36).padStart(22, '0')}`,
      });
    case 1:
      return wrap('agent.tool_called', {
        agentId,
        tool: 'Bash',
        input: { command: `npm test -- --grep case${i}${leak}` },
      });
    case 2:
      return wrap('agent.tool_failed', {
        agentId,
        tool: 'Read',
        error: `File does not exist.${leak}`,
      });
    case 3:
      return wrap('agent.output', { agentId, text: fillerText(i, 600) + leak });
    default:
      return wrap('gate.failed', {
        wave: 2,
        attempt: 1,
        gate: 'test',
        command: ['npm', 'test'],
        exitCode: 1,
        output: Array.from({ length: 20 }, (_, k) => `not ok ${k} ${fillerText(i + k, 60)}`)
          .join('\n')
          .concat(leak),
        timedOut: false,
      });
  }
}

const events = Array.from({ length: N }, (_, i) => event(i));
const redactor = createRedactor({
  secretValues: ['runner-env-value-0123456789', 'another-runner-secret-xyz'],
  env: process.env,
});
console.log(`literal secrets from this environment: ${secretEnvValues(process.env).length}`);

function timeIt(fn) {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

let sink = 0;
const redact = () => {
  for (const e of events) sink += redactor.deep(e.data) === e.data ? 0 : 1;
};
const stringify = () => {
  for (const e of events) sink += JSON.stringify(validateEventData(e.type, e.data)).length;
};
redact();
stringify();
const a = [];
const b = [];
for (let r = 0; r < ROUNDS; r++) {
  if (r % 2 === 0) {
    a.push(timeIt(redact));
    b.push(timeIt(stringify));
  } else {
    b.push(timeIt(stringify));
    a.push(timeIt(redact));
  }
}
const stats = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s.at(-1) };
};
const sa = stats(a);
const sb = stats(b);
const rate = (ms) => Math.round((N / ms) * 1000).toLocaleString('en-US');
console.log(
  `redact min/median/max ${sa.min.toFixed(1)}/${sa.median.toFixed(1)}/${sa.max.toFixed(1)} ms; validate+stringify ${sb.min.toFixed(1)}/${sb.median.toFixed(1)}/${sb.max.toFixed(1)} ms (${N} events, changed ${sink % 1_000_000_007 > 0 ? 'some' : 'none'})`,
);
console.log(
  `redaction of ${N.toLocaleString('en-US')} agent events: ${rate(sa.median)} events/s vs zod validation + JSON.stringify of the same events: ${rate(sb.median)} events/s → ratio ${(sa.median / sb.median).toFixed(2)} (target ≤ 1)`,
);
