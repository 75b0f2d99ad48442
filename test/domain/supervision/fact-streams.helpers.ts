/**
 * Seeded random tool-fact streams for the loop detectors' equivalence test: calls of every tool
 * kind the detectors tell apart (reads with paging, shell reads, edits that undo and churn, whole
 * writes, patches, blind edits, sub-agent-free parallel calls), failures by call id or by tool
 * name with repeated and whitespace-varied errors, cut strings given as digests, paths inside and
 * outside the working directory. Small pools, so repetitions, oscillations, spirals and echoes
 * happen often.
 */
import type { ToolFact } from '../../../src/domain/supervision/loop-watch.types.js';
import { textDigest } from '../../../src/domain/supervision/text-digest.js';

/** A small deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PATHS = [
  '/work/repo/src/a.ts',
  '/work/repo/src/b.ts',
  'src/c.ts',
  './src/a.ts',
  '/work/repo/src/../src/b.ts',
  '/work/repo//src/d.ts',
  '/tmp/outside.ts',
  '/work/repo/README.md',
];
const TEXTS = ['const a = 1;', 'const a = 2;', 'const a = 3;', 'let b = []', '', 'x\ny\tz'];
const COMMANDS = [
  'npm test',
  'npx vitest run test/a.test.ts',
  "sed -n '1,40p' src/a.ts",
  "sed -n '41,80p' src/a.ts",
  'cat src/b.ts',
  "bash -lc 'cat src/a.ts'",
  'nl -ba src/c.ts | sed -n 1,20p',
  'head -n 20 /work/repo/src/b.ts',
  'git status',
];
const ERRORS = [
  'String to replace not found in file.',
  'String  to replace not found\nin file.',
  'Exit code 1\nFAIL test/a.test.ts (12 ms)',
  'Exit code 1\nFAIL test/a.test.ts (15 ms)',
  'File does not exist.',
  'permission denied (src/a.ts)',
  'command blocked: not allowed',
  '   ',
];
const DIFFS = [
  '@@ -1 +1 @@\n-const a = 1;\n+const a = 2;',
  '@@ -1 +1 @@\n-const a = 2;\n+const a = 1;',
];

function inputOf(tool: string, pick: <T>(xs: readonly T[]) => T, r: () => number) {
  const path = pick(PATHS);
  switch (tool) {
    case 'Read':
    case 'read_file': {
      const input: Record<string, unknown> =
        tool === 'Read' ? { file_path: path } : { absolute_path: path };
      if (r() < 0.6) input.offset = pick([0, 100, 200, 300]);
      if (r() < 0.5) input.limit = pick([100, '100', 50]);
      return input;
    }
    case 'Grep':
    case 'search_file_content':
      return {
        pattern: pick(['handler', 'TODO', 'a']),
        path,
        '-n': r() < 0.5,
        head_limit: pick([10, 20]),
      };
    case 'Edit':
    case 'replace':
      return { file_path: path, old_string: pick(TEXTS), new_string: pick(TEXTS) };
    case 'MultiEdit':
      return {
        file_path: path,
        edits: [
          { old_string: pick(TEXTS), new_string: pick(TEXTS) },
          { old_string: pick(TEXTS), new_string: pick(TEXTS) },
        ],
      };
    case 'Write':
    case 'write_file':
      return { file_path: path, content: pick(TEXTS) };
    case 'NotebookEdit':
      return { notebook_path: path, new_source: pick(TEXTS) };
    case 'file_change':
      return {
        changes: [
          r() < 0.7 ? { path, kind: 'update', diff: pick(DIFFS) } : { path, kind: 'add' },
          ...(r() < 0.3 ? [{ path: pick(PATHS), diff: pick(DIFFS) }] : []),
        ],
      };
    case 'Bash':
    case 'run_shell_command':
    case 'command_execution':
      return { command: pick(COMMANDS), ...(r() < 0.3 ? { timeout: 1.5 } : {}) };
    default:
      return {
        url: pick(['https://a.example', 'https://b.example']),
        nested: { k: [1, null, true] },
      };
  }
}

const TOOLS = [
  'Read',
  'Read',
  'Grep',
  'Edit',
  'Edit',
  'MultiEdit',
  'Write',
  'Bash',
  'Bash',
  'NotebookEdit',
  'read_file',
  'search_file_content',
  'replace',
  'write_file',
  'file_change',
  'run_shell_command',
  'command_execution',
  'WebFetch',
];

/** One random fact stream (5 to 80 facts) for `seed`. */
export function factStream(seed: number): ToolFact[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const facts: ToolFact[] = [];
  const open: { tool: string; callId?: string }[] = [];
  const n = 5 + Math.floor(r() * 76);
  // A stream repeats a few calls often: each stream draws from its own small set of calls.
  const recent: ToolFact[] = [];
  for (let k = 0; facts.length < n; k += 1) {
    const roll = r();
    if (roll < 0.25 && open.length > 0) {
      const call = open.splice(Math.floor(r() * open.length), 1)[0] as {
        tool: string;
        callId?: string;
      };
      const fact: ToolFact = { kind: 'failure', tool: call.tool, error: pick(ERRORS) };
      if (call.callId !== undefined && r() < 0.85) fact.callId = call.callId;
      facts.push(fact);
      continue;
    }
    let fact: ToolFact;
    if (roll < 0.55 && recent.length > 0) {
      const again = pick(recent) as Extract<ToolFact, { kind: 'call' }>;
      fact = { kind: 'call', tool: again.tool, input: again.input };
      if (again.digests !== undefined) fact.digests = again.digests;
    } else {
      const tool = pick(TOOLS);
      fact = { kind: 'call', tool, input: inputOf(tool, pick, r) };
      const s = fact.input.new_string ?? fact.input.content;
      if (typeof s === 'string' && r() < 0.15) {
        fact.digests = {
          [fact.input.new_string !== undefined ? 'new_string' : 'content']: textDigest(s),
        };
      }
      recent.push(fact);
      if (recent.length > 4) recent.shift();
    }
    if (r() < 0.8) fact.callId = `call_${seed}_${k}`;
    open.push({ tool: fact.tool, ...(fact.callId !== undefined ? { callId: fact.callId } : {}) });
    if (open.length > 6) open.shift();
    facts.push(fact);
  }
  return facts;
}
