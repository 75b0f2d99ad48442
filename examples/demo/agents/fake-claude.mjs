#!/usr/bin/env node
// A stand-in for the `claude` CLI in the demo: it accepts Claude Code's flags
// (-p --output-format stream-json --verbose --max-turns N, the prompt on stdin), really edits files in the
// working directory according to its task ($WAVE_TASK_ID), and prints Claude Code's stream-json
// events: system init, assistant messages with tool_use blocks, user tool_result messages, and a
// final result with usage and cost. Delete the `bin:` line of the demo plan to use real Claude.
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

if (process.argv.includes('--version')) {
  process.stdout.write('2.1.3 (fake-claude for the demo)\n');
  process.exit(0);
}
const session = `demo-${process.env.WAVE_AGENT_ID ?? 'agent'}`;
const task = process.env.WAVE_TASK_ID ?? 'unknown';
const attempt = Number(/-a(\d+)$/.exec(process.env.WAVE_AGENT_ID ?? '')?.[1] ?? '1');
const delay = Number(process.env.DEMO_AGENT_DELAY_MS ?? '120');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = (obj) => process.stdout.write(`${JSON.stringify(obj)}\n`);
let turns = 0;
let tools = 0;

const assistant = (content) => {
  turns += 1;
  out({
    type: 'assistant',
    message: {
      id: `msg_${turns}`,
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5',
      content,
      stop_reason: null,
      usage: { input_tokens: 400, output_tokens: 80 },
    },
    parent_tool_use_id: null,
    session_id: session,
  });
};

async function tool(name, input, run) {
  tools += 1;
  const id = `toolu_demo_${String(tools).padStart(3, '0')}`;
  assistant([{ type: 'tool_use', id, name, input }]);
  await sleep(delay);
  let content;
  let isError = false;
  try {
    content = run();
  } catch (error) {
    content = `<tool_use_error>${error.message}</tool_use_error>`;
    isError = true;
  }
  out({
    type: 'user',
    message: {
      role: 'user',
      content: [
        { tool_use_id: id, type: 'tool_result', content, ...(isError ? { is_error: true } : {}) },
      ],
    },
    parent_tool_use_id: null,
    session_id: session,
  });
  await sleep(delay);
}

const abs = (rel) => join(process.cwd(), rel);
const read = (rel) => tool('Read', { file_path: abs(rel) }, () => readFileSync(abs(rel), 'utf8'));
const write = (rel, text) =>
  tool('Write', { file_path: abs(rel), content: text }, () => {
    mkdirSync(dirname(abs(rel)), { recursive: true });
    writeFileSync(abs(rel), text);
    return `File created successfully at: ${abs(rel)}`;
  });
const append = (rel, text) =>
  tool('Edit', { file_path: abs(rel), old_string: '', new_string: text }, () => {
    appendFileSync(abs(rel), text);
    return `The file ${abs(rel)} has been updated.`;
  });

const BUCKET = `/** A token bucket: \`capacity\` tokens, refilled at \`refillPerSecond\`. */
export function createTokenBucket({ capacity, refillPerSecond, now = () => Date.now() }) {
  let tokens = capacity;
  let last = now();
  return {
    take(count = 1) {
      const t = now();
      tokens = Math.min(capacity, tokens + ((t - last) / 1000) * refillPerSecond);
      last = t;
      if (tokens < count) return false;
      tokens -= count;
      return true;
    },
  };
}
`;

const TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createTokenBucket } from '../src/rate-limit.js';

test('allows up to capacity, then refuses', () => {
  let t = 0;
  const bucket = createTokenBucket({ capacity: 2, refillPerSecond: 1, now: () => t });
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), true);
  assert.equal(bucket.take(), false);
  t = 1000;
  assert.equal(bucket.take(), true);
});
`;

const scripts = {
  'm-1': async () => {
    await read('src/server.js');
    await tool(
      'Grep',
      { pattern: 'export', path: abs('src') },
      () => 'src/server.js:1:export function handle(request) {',
    );
    return 'STATUS: done — one route (handle) in src/server.js, no middleware yet\nOPEN-QUESTIONS: Which limit per client? | context: no requirement given | candidates: 10/s / 100/min';
  },
  'm-2': async () => {
    await write('src/rate-limit.js', BUCKET);
    return 'STATUS: done — token bucket in src/rate-limit.js';
  },
  'm-3': async () => {
    await write('test/rate-limit.test.js', TEST);
    return 'STATUS: done — node:test suite for the bucket';
  },
  'm-4': async () => {
    if (attempt === 1) {
      await read('src/server.js');
      await append(
        'src/server.js',
        '\n// Rate limiting: see src/rate-limit.js (wired in by the limiter middleware).\n',
      );
      return 'STATUS: partial — documented the limiter in server.js | REMAINING: describe the limiter in README.md';
    }
    await append(
      'README.md',
      '\n## Rate limiting\n\nRequests are limited per client by a token bucket (`src/rate-limit.js`).\n',
    );
    return 'STATUS: done — README section on rate limiting';
  },
  'm-5': async () => {
    await read('src/rate-limit.js');
    await read('test/rate-limit.test.js');
    return 'STATUS: done — reviewed: no issues found';
  },
  'm-6': async () => {
    await write('CHANGELOG.md', '# Changelog\n\n- Add a token-bucket rate limiter.\n');
    return 'STATUS: done — CHANGELOG entry';
  },
};

out({
  type: 'system',
  subtype: 'init',
  cwd: process.cwd(),
  session_id: session,
  tools: ['Read', 'Edit', 'Write', 'Grep', 'Bash'],
  model: 'claude-sonnet-4-5',
  permissionMode: 'default',
});
const script = scripts[task] ?? (async () => 'STATUS: done — nothing to do for this task');
const finalText = await script();
assistant([{ type: 'text', text: finalText }]);
out({
  type: 'result',
  subtype: 'success',
  is_error: false,
  duration_ms: 900 + tools * 200,
  duration_api_ms: 700,
  num_turns: turns,
  result: finalText,
  session_id: session,
  total_cost_usd: 0.0042 * turns,
  usage: {
    input_tokens: 400 * turns,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    output_tokens: 80 * turns,
  },
  permission_denials: [],
});
