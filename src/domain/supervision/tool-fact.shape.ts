/**
 * What one tool call means to the loop detectors, from its name and input as the vendor gave them
 * (Claude Code `Read`/`Grep`/`Edit`/`MultiEdit`/`Write`/`NotebookEdit`, Gemini CLI `read_file`/
 * `search_file_content`/`replace`/`write_file`, Codex `file_change` items): its turn key and raw
 * digests, the file it concerns, what a failure groups by, and its edits as digests.
 */
import { isAbsolute, normalize, relative, sep } from 'node:path';
import type { EditShape, PendingCall } from './loop-watch.types.js';
import { addDigest, addText, digestHex, startDigest, textDigest } from './text-digest.js';

/** Arguments that page through a file: ignored in turn keys (reference §A5). */
export const PAGING_KEYS: readonly string[] = [
  'offset',
  'limit',
  'start_line',
  'end_line',
  'number',
];
const READ_TOOLS = new Set([
  'read',
  'grep',
  'read_file',
  'grep_search',
  'search_file_content',
  'view',
]);
const EDIT_TOOLS = new Set([
  'edit',
  'write',
  'multiedit',
  'notebookedit',
  'write_file',
  'replace',
  'edit_file',
  'file_change',
]);
const LABEL_MAX = 120;

/** True for tools that read or search files. */
function isReadTool(tool: string): boolean {
  return READ_TOOLS.has(tool.toLowerCase());
}

/** True for tools that change files. */
export function isEditTool(tool: string): boolean {
  return EDIT_TOOLS.has(tool.toLowerCase());
}

/** The main path argument of a tool input, if any. */
export function primaryPath(input: Record<string, unknown>): string | undefined {
  for (const key of ['file_path', 'notebook_path', 'absolute_path', 'path']) {
    const value = input[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return undefined;
}

/**
 * A path made relative to `cwd` with POSIX separators, or undefined when outside it. Without
 * `cwd`, relative paths are normalized and absolute ones kept.
 */
export function toRepoRelative(cwd: string | undefined, path: string): string | undefined {
  // Fast path: a plain absolute path under cwd (no `.`/`..` segments, no doubled slash).
  if (
    cwd !== undefined &&
    sep === '/' &&
    path.length > cwd.length + 1 &&
    path.charCodeAt(cwd.length) === 47 &&
    path.startsWith(cwd) &&
    !path.includes('/.') &&
    !path.includes('//') &&
    !cwd.endsWith('/')
  ) {
    return path.slice(cwd.length + 1);
  }
  if (cwd === undefined && isAbsolute(path)) return normalize(path).split(sep).join('/');
  const rel = isAbsolute(path) ? relative(cwd ?? '', path) : normalize(path);
  const posix = rel.split(sep).join('/').replace(/^\.\//, '');
  if (posix === '' || posix === '.' || posix.startsWith('../') || posix === '..') return undefined;
  if (isAbsolute(posix)) return undefined;
  return posix;
}

/** Feeds a value into a running digest, in a key-order-independent way. */
function feed(
  d: ReturnType<typeof startDigest>,
  value: unknown,
  path: string,
  digests: Record<string, string> | undefined,
): void {
  if (typeof value === 'string') {
    addText(d, digests?.[path] ?? value);
  } else if (Array.isArray(value)) {
    addText(d, '[');
    for (let i = 0; i < value.length; i += 1) feed(d, value[i], `${path}.${i}`, digests);
    addText(d, ']');
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    addText(d, '{');
    for (const k of Object.keys(obj).sort()) {
      addText(d, k);
      feed(d, obj[k], path === '' ? k : `${path}.${k}`, digests);
    }
    addText(d, '}');
  } else {
    addText(d, String(value));
  }
}

/** Digests of a call: `key` without the paging arguments, `raw` with them. */
function callDigests(
  tool: string,
  input: Record<string, unknown>,
  digests?: Record<string, string>,
): { key: string; raw: string } {
  const key = startDigest();
  const raw = startDigest();
  addText(key, tool);
  addText(raw, tool);
  const keys = Object.keys(input);
  if (keys.length > 1) keys.sort();
  for (const k of keys) {
    const v = startDigest();
    addText(v, k);
    feed(v, input[k], k, digests);
    addDigest(raw, v);
    if (!PAGING_KEYS.includes(k)) addDigest(key, v);
  }
  return { key: digestHex(key), raw: digestHex(raw) };
}

/** A label cut to `max` characters (whitespace is collapsed when a verdict shows it). */
function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a failure of this call groups by: the file, else the command, pattern, query or url. */
function targetOf(input: Record<string, unknown>, file: string | undefined): string {
  if (file !== undefined) return file;
  for (const key of ['command', 'pattern', 'query', 'url']) {
    const v = input[key];
    if (typeof v === 'string') return `${key}:${v}`;
  }
  return '';
}

/** A short label of a call for evidence: `<tool>:<file or command>[@offset]`. */
function labelOf(tool: string, input: Record<string, unknown>, target: string): string {
  const page = PAGING_KEYS.map((k) => input[k])
    .filter((v) => typeof v === 'number' || typeof v === 'string')
    .join(',');
  const what = target.startsWith('command:') ? target.slice(8) : target;
  return short(`${tool}:${what}${page !== '' ? `@${page}` : ''}`, LABEL_MAX);
}

function textOf(
  input: Record<string, unknown>,
  key: string,
  path: string,
  digests: Record<string, string> | undefined,
): string | undefined {
  const v = input[key];
  if (typeof v !== 'string') return undefined;
  return digests?.[path] ?? textDigest(v);
}

/**
 * A unified diff's change lines as two digests: the patch and its inverse (removed and added
 * lines swapped), so a patch that undoes an earlier one is recognised.
 */
function diffDigests(diff: string): { after: string; before: string } {
  const removed: string[] = [];
  const added: string[] = [];
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++') || line.startsWith('---')) continue;
    if (line.startsWith('-')) removed.push(line.slice(1));
    else if (line.startsWith('+')) added.push(line.slice(1));
  }
  const fwd = startDigest();
  const inv = startDigest();
  for (const l of removed) addText(fwd, `-${l}`);
  for (const l of added) addText(fwd, `+${l}`);
  for (const l of added) addText(inv, `-${l}`);
  for (const l of removed) addText(inv, `+${l}`);
  return { after: digestHex(fwd), before: digestHex(inv) };
}

/** The edits of a call, as digests (empty for tools that change no file). */
function editsOf(
  tool: string,
  input: Record<string, unknown>,
  cwd: string | undefined,
  digests: Record<string, string> | undefined,
): EditShape[] {
  const name = tool.toLowerCase();
  if (name === 'file_change') {
    const out: EditShape[] = [];
    const changes = Array.isArray(input.changes) ? input.changes : [];
    changes.forEach((raw: unknown, i) => {
      const change = (raw ?? {}) as { path?: unknown; diff?: unknown };
      if (typeof change.path !== 'string') return;
      const file = toRepoRelative(cwd, change.path);
      if (file === undefined) return;
      if (typeof change.diff !== 'string') {
        out.push({ file, kind: 'blind' });
        return;
      }
      const given = digests?.[`changes.${i}.diff`];
      const d = given !== undefined ? { after: given } : diffDigests(change.diff);
      out.push({ file, kind: 'diff', ...d });
    });
    return out;
  }
  const p = primaryPath(input);
  const file = p === undefined ? undefined : toRepoRelative(cwd, p);
  if (file === undefined) return [];
  if (name === 'edit' || name === 'replace' || name === 'edit_file') {
    const before = textOf(input, 'old_string', 'old_string', digests);
    const after = textOf(input, 'new_string', 'new_string', digests);
    if (before === undefined || after === undefined) return [{ file, kind: 'blind' }];
    return [{ file, kind: 'edit', before, after }];
  }
  if (name === 'multiedit') {
    const list = Array.isArray(input.edits) ? input.edits : [];
    const out: EditShape[] = [];
    list.forEach((raw: unknown, i) => {
      const e = (raw ?? {}) as Record<string, unknown>;
      const before = textOf(e, 'old_string', `edits.${i}.old_string`, digests);
      const after = textOf(e, 'new_string', `edits.${i}.new_string`, digests);
      if (before !== undefined && after !== undefined)
        out.push({ file, kind: 'edit', before, after });
    });
    return out.length > 0 ? out : [{ file, kind: 'blind' }];
  }
  if (name === 'write' || name === 'write_file') {
    const after = textOf(input, 'content', 'content', digests);
    return [after === undefined ? { file, kind: 'blind' } : { file, kind: 'write', after }];
  }
  return [{ file, kind: 'blind' }];
}

const SHELL_TOOLS = new Set(['bash', 'command_execution', 'run_shell_command', 'shell']);
const SHELL_SED = /^(?:nl -ba (\S+) \| )?sed -n '?(\d+),(\d+)p'?(?: (\S+))?$/;
const SHELL_CAT = /^(?:cat|nl -ba) (\S+)$/;
const SHELL_HEAD = /^(head|tail) -n ?(\d+) (\S+)$/;

/** A shell command without a `bash -lc '…'` wrapper (single-quote escapes undone). */
function unwrapShell(command: string): string {
  const m = /^(?:\/bin\/)?(?:ba|z)?sh -l?c (.*)$/s.exec(command.trim());
  if (!m) return command.trim();
  const body = (m[1] ?? '').trim();
  if (body.startsWith('"') && body.endsWith('"')) return body.slice(1, -1).trim();
  if (body.startsWith("'") && body.endsWith("'")) {
    return body
      .slice(1, -1)
      .replace(/'"'"'|'\\''/g, "'")
      .trim();
  }
  return body;
}

/**
 * A shell command that only reads a file (`sed -n 'a,bp' f`, `nl -ba f | sed -n …`, `cat f`,
 * `head -n N f`): Codex reads files this way. Returns the file and the page, else undefined.
 */
function shellRead(command: string): { path: string; page: string } | undefined {
  const c = unwrapShell(command);
  if (c.length > 300) return undefined;
  let m = SHELL_SED.exec(c);
  if (m) {
    const path = m[1] ?? m[4];
    return path === undefined ? undefined : { path, page: `${m[2]},${m[3]}` };
  }
  m = SHELL_CAT.exec(c);
  if (m) return { path: m[1] as string, page: '' };
  m = SHELL_HEAD.exec(c);
  if (m) return { path: m[3] as string, page: `${m[1]}${m[2]}` };
  return undefined;
}

/** The detectors' view of one call (its outcome still unknown). */
export function shapeCall(
  tool: string,
  input: Record<string, unknown>,
  cwd: string | undefined,
  callId: string | undefined,
  digests: Record<string, string> | undefined,
): PendingCall {
  const command = input.command;
  if (typeof command === 'string' && SHELL_TOOLS.has(tool.toLowerCase())) {
    const r = shellRead(command);
    if (r !== undefined) {
      const file = toRepoRelative(cwd, r.path);
      const target = file ?? r.path;
      const call: PendingCall = {
        tool,
        key: textDigest(`${tool}\u0000read\u0000${target}`),
        raw: textDigest(`${tool}\u0000read\u0000${target}\u0000${r.page}`),
        label: short(`${tool}:${target}${r.page !== '' ? `@${r.page}` : ''}`, LABEL_MAX),
        target,
        read: true,
      };
      if (callId !== undefined) call.callId = callId;
      if (file !== undefined) call.file = file;
      return call;
    }
  }
  const { key, raw } = callDigests(tool, input, digests);
  const edits = isEditTool(tool) ? editsOf(tool, input, cwd, digests) : undefined;
  const p = primaryPath(input);
  const file = edits?.[0]?.file ?? (p === undefined ? undefined : toRepoRelative(cwd, p));
  const target = targetOf(input, file);
  const call: PendingCall = {
    tool,
    key,
    raw,
    label: labelOf(tool, input, target),
    target,
    read: isReadTool(tool),
  };
  if (callId !== undefined) call.callId = callId;
  if (file !== undefined) call.file = file;
  if (edits !== undefined) call.edits = edits;
  return call;
}
