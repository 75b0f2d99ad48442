// A realistic Claude Code stream-json tool-call stream (the shape of
// test/fixtures/calibration/writers.mjs: one content block per `assistant` line repeating its
// `msg_01…` id, `toolu_01…` ids, cache-token usage, `user` tool_result lines), deterministic.
// Run as a program it writes N lines to stdout (a real pipe when spawned):
//   node bench/lib/claude-tool-stream.mjs 1000000
// Mix per turn: a text block now and then, one tool_use (Read with paging, Grep, Edit, Bash,
// Write), its tool_result (file contents, grep hits, test output; a failure now and then).
import { fileURLToPath } from 'node:url';

const SESSION = '2b7e5a1c-4d0f-4c1e-9a3b-8f6d2c1e0a77';
const MODEL = 'claude-sonnet-4-5-20250929';
const pad = (n, w) => String(n).padStart(w, '0');
const CODE = Array.from(
  { length: 12 },
  (_, i) => `    ${i + 1}\tconst value${i} = compute(input, ${i}); // keep the limiter in step`,
).join('\n');

function toolOf(i) {
  const file = `/work/repo/src/module${i % 37}/file${i % 11}.ts`;
  switch (i % 6) {
    case 0:
      return ['Read', { file_path: file, offset: (i % 9) * 200, limit: 200 }, CODE, false];
    case 1:
      return [
        'Grep',
        { pattern: `handler${i % 13}`, path: '/work/repo/src', output_mode: 'content', '-n': true },
        `src/module${i % 5}/a.ts:12:export function handler${i % 13}() {}`,
        false,
      ];
    case 2:
      return [
        'Edit',
        {
          file_path: file,
          old_string: `const limit${i % 97} = ${i % 7};`,
          new_string: `const limit${i % 97} = ${(i % 7) + 1}; // raised for step ${i}`,
        },
        `The file ${file} has been updated.`,
        false,
      ];
    case 3:
      return [
        'Bash',
        {
          command: `npx vitest run test/module${i % 37}.test.ts`,
          description: 'Run the module tests',
        },
        i % 5 === 0
          ? `Exit code 1\nFAIL test/module${i % 37}.test.ts > case ${i % 17}\nAssertionError: expected ${i % 3} to be 1`
          : 'Test Files  1 passed (1)\n     Tests  4 passed (4)',
        i % 5 === 0,
      ];
    case 4:
      return ['Read', { file_path: file }, CODE, false];
    default:
      return [
        'Write',
        {
          file_path: `/work/repo/src/gen/out${i % 53}.ts`,
          content: `export const generated${i} = ${JSON.stringify({ step: i, items: [1, 2, 3] })};\n${CODE.slice(0, 300)}`,
        },
        `File created successfully at: /work/repo/src/gen/out${i % 53}.ts`,
        false,
      ];
  }
}

/** The lines of turn `i` (2 or 3 lines); ids are `msg_01<cycle:8><i:14>` and `toolu_01…`. */
export function turnLines(i, cycle = 0) {
  const id = `msg_01${pad(cycle, 8)}${pad(i, 14)}`;
  const usage = `"usage":{"input_tokens":4,"cache_creation_input_tokens":${i % 900},"cache_read_input_tokens":${11832 + i},"output_tokens":${i % 300},"service_tier":"standard"}`;
  const head = `{"type":"assistant","message":{"id":"${id}","type":"message","role":"assistant","model":"${MODEL}","content":[`;
  const tail = `],"stop_reason":null,"stop_sequence":null,${usage}},"parent_tool_use_id":null,"session_id":"${SESSION}"}`;
  const out = [];
  if (i % 4 === 0)
    out.push(
      `${head}${JSON.stringify({ type: 'text', text: `Step ${i}: checking the next module before changing it.` })}${tail}`,
    );
  const [name, input, result, failed] = toolOf(i);
  const toolId = `toolu_01${pad(cycle, 8)}${pad(i, 14)}`;
  out.push(`${head}${JSON.stringify({ type: 'tool_use', id: toolId, name, input })}${tail}`);
  const block = {
    tool_use_id: toolId,
    type: 'tool_result',
    content: failed ? `<tool_use_error>${result}</tool_use_error>` : result,
  };
  if (failed) block.is_error = true;
  out.push(
    `{"type":"user","message":{"role":"user","content":[${JSON.stringify(block)}]},"parent_tool_use_id":null,"session_id":"${SESSION}"}`,
  );
  return out;
}

const POOL_TURNS = 4000;

/**
 * Writes `n` lines to `stream`. The generator must not be the bottleneck: a pool of
 * {@link POOL_TURNS} turns is rendered once; each cycle writes a copy with its cycle number
 * patched into every id (so message ids, hence turns, stay distinct).
 */
export async function writeStream(n, stream) {
  const lines = [];
  for (let i = 0; i < POOL_TURNS; i += 1) lines.push(...turnLines(i));
  const pool = Buffer.from(`${lines.join('\n')}\n`);
  const ends = [];
  for (let at = pool.indexOf(10); at !== -1; at = pool.indexOf(10, at + 1)) ends.push(at + 1);
  const idAt = [];
  for (const marker of ['"msg_01', '"toolu_01']) {
    for (let at = pool.indexOf(marker); at !== -1; at = pool.indexOf(marker, at + 1)) {
      idAt.push(at + marker.length);
    }
  }
  const write = (buf) =>
    new Promise((resolve) => {
      if (stream.write(buf)) resolve();
      else stream.once('drain', resolve);
    });
  let left = n;
  for (let cycle = 1; left > 0; cycle += 1) {
    const copy = Buffer.from(pool);
    const digits = String(cycle).padStart(8, '0');
    for (const at of idAt) copy.write(digits, at, 'latin1');
    const take = Math.min(left, ends.length);
    const end = ends[take - 1];
    for (let off = 0; off < end; off += 1 << 20)
      await write(copy.subarray(off, Math.min(end, off + (1 << 20))));
    left -= take;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeStream(Number(process.argv[2] ?? 1000), process.stdout);
}
