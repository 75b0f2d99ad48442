/**
 * What one tool call means to the loop detectors, from its name and input as the vendor gave them
 * (Claude Code `Read`/`Grep`/`Edit`/`MultiEdit`/`Write`/`NotebookEdit`, Gemini CLI `read_file`/
 * `search_file_content`/`replace`/`write_file`, Codex `file_change` items): its turn key and raw
 * digests, the file it concerns, what a failure groups by, and its edits as digests.
 */
import type { EditShape, PendingCall } from './loop-watch.types.js';
import { callDigests, keptDigest } from './call-digest.js';
import { PAGING_KEYS } from './paging-keys.js';
import { primaryPath, toRepoRelative } from './repo-path.js';
import { shellRead } from './shell-read.js';
import { addText, digestHex, startDigest, textDigest } from './text-digest.js';
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
const SHELL_TOOLS = new Set(['bash', 'command_execution', 'run_shell_command', 'shell']);
const LABEL_MAX = 120;
/** What a failure of a call without a file groups by, first found first. */
const TARGET_KEYS = ['command', 'pattern', 'query', 'url'];

/** What a tool name means to the detectors (names are few: cached, up to a bound). */
interface ToolKind {
  name: string;
  read: boolean;
  edit: boolean;
  shell: boolean;
}
const KINDS = new Map<string, ToolKind>();
const KINDS_MAX = 256;

function kindOf(tool: string): ToolKind {
  let kind = KINDS.get(tool);
  if (kind === undefined) {
    const name = tool.toLowerCase();
    kind = {
      name,
      read: READ_TOOLS.has(name),
      edit: EDIT_TOOLS.has(name),
      shell: SHELL_TOOLS.has(name),
    };
    if (KINDS.size < KINDS_MAX) KINDS.set(tool, kind);
  }
  return kind;
}

/** True for tools that change files. */
export function isEditTool(tool: string): boolean {
  return kindOf(tool).edit;
}

/** A label cut to `max` characters (whitespace is collapsed when a verdict shows it). */
function short(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** What a failure of this call groups by: the file, else the command, pattern, query or url. */
function targetOf(input: Record<string, unknown>, file: string | undefined): string {
  if (file !== undefined) return file;
  for (let i = 0; i < TARGET_KEYS.length; i += 1) {
    const key = TARGET_KEYS[i] as string;
    const v = input[key];
    if (typeof v === 'string') return `${key}:${v}`;
  }
  return '';
}

/** A short label of a call for evidence: `<tool>:<file or command>[@offset]`. */
function labelOf(
  tool: string,
  input: Record<string, unknown>,
  target: string,
  paged: boolean,
): string {
  let page = '';
  let pages = 0;
  // Only an input with a paging argument has a page (most have none: no lookups).
  for (let i = 0; paged && i < PAGING_KEYS.length; i += 1) {
    const v = input[PAGING_KEYS[i] as string];
    if (typeof v !== 'number' && typeof v !== 'string') continue;
    page = pages === 0 ? String(v) : `${page},${v}`;
    pages += 1;
  }
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
  const given = digests?.[path];
  if (given !== undefined) return given;
  const kept =
    path === 'old_string' || path === 'new_string' || path === 'content'
      ? keptDigest(path, v)
      : undefined;
  return kept ?? textDigest(v);
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

/** One edit, always with the same fields (absent digests undefined, which JSON leaves out). */
function editShape(
  file: string,
  kind: EditShape['kind'],
  before?: string,
  after?: string,
): EditShape {
  return { file, kind, before, after };
}

/** The edits of a call, as digests (empty for tools that change no file). */
function editsOf(
  tool: string,
  input: Record<string, unknown>,
  cwd: string | undefined,
  digests: Record<string, string> | undefined,
): EditShape[] {
  const name = kindOf(tool).name;
  if (name === 'file_change') {
    const out: EditShape[] = [];
    const changes = Array.isArray(input.changes) ? input.changes : [];
    changes.forEach((raw: unknown, i) => {
      const change = (raw ?? {}) as { path?: unknown; diff?: unknown };
      if (typeof change.path !== 'string') return;
      const file = toRepoRelative(cwd, change.path);
      if (file === undefined) return;
      if (typeof change.diff !== 'string') {
        out.push(editShape(file, 'blind'));
        return;
      }
      const given = digests?.[`changes.${i}.diff`];
      const d: { after: string; before?: string } =
        given !== undefined ? { after: given } : diffDigests(change.diff);
      out.push(editShape(file, 'diff', d.before, d.after));
    });
    return out;
  }
  const p = primaryPath(input);
  const file = p === undefined ? undefined : toRepoRelative(cwd, p);
  if (file === undefined) return [];
  if (name === 'edit' || name === 'replace' || name === 'edit_file') {
    const before = textOf(input, 'old_string', 'old_string', digests);
    const after = textOf(input, 'new_string', 'new_string', digests);
    if (before === undefined || after === undefined) return [editShape(file, 'blind')];
    return [editShape(file, 'edit', before, after)];
  }
  if (name === 'multiedit') {
    const list = Array.isArray(input.edits) ? input.edits : [];
    const out: EditShape[] = [];
    list.forEach((raw: unknown, i) => {
      const e = (raw ?? {}) as Record<string, unknown>;
      const before = textOf(e, 'old_string', `edits.${i}.old_string`, digests);
      const after = textOf(e, 'new_string', `edits.${i}.new_string`, digests);
      if (before !== undefined && after !== undefined)
        out.push(editShape(file, 'edit', before, after));
    });
    return out.length > 0 ? out : [editShape(file, 'blind')];
  }
  if (name === 'write' || name === 'write_file') {
    const after = textOf(input, 'content', 'content', digests);
    return [
      after === undefined ? editShape(file, 'blind') : editShape(file, 'write', undefined, after),
    ];
  }
  return [editShape(file, 'blind')];
}

/**
 * A pending call, always with the same fields in the same order (absent ones undefined, which
 * JSON leaves out): one object shape, so every detector reads it monomorphically.
 */
function pendingCall(
  tool: string,
  callId: string | undefined,
  digests: { key: string; raw: string },
  label: string,
  file: string | undefined,
  target: string,
  read: boolean,
  edits: EditShape[] | undefined,
): PendingCall {
  return {
    tool,
    callId,
    key: digests.key,
    raw: digests.raw,
    label,
    file,
    target,
    read,
    edits,
    error: undefined,
  };
}

/** The detectors' view of one call (its outcome still unknown). */
export function shapeCall(
  tool: string,
  input: Record<string, unknown>,
  cwd: string | undefined,
  callId: string | undefined,
  digests: Record<string, string> | undefined,
): PendingCall {
  const kind = kindOf(tool);
  const command = input.command;
  if (typeof command === 'string' && kind.shell) {
    const r = shellRead(command);
    if (r !== undefined) {
      const file = toRepoRelative(cwd, r.path);
      const target = file ?? r.path;
      const digests = {
        key: textDigest(`${tool}\u0000read\u0000${target}`),
        raw: textDigest(`${tool}\u0000read\u0000${target}\u0000${r.page}`),
      };
      const label = short(`${tool}:${target}${r.page !== '' ? `@${r.page}` : ''}`, LABEL_MAX);
      return pendingCall(tool, callId, digests, label, file, target, true, undefined);
    }
  }
  const hashes = callDigests(tool, input, digests);
  const edits = kind.edit ? editsOf(tool, input, cwd, digests) : undefined;
  let file = edits?.[0]?.file;
  if (file === undefined) {
    const p = primaryPath(input);
    if (p !== undefined) file = toRepoRelative(cwd, p);
  }
  const target = targetOf(input, file);
  const label = labelOf(tool, input, target, hashes.paged);
  return pendingCall(tool, callId, hashes, label, file, target, kind.read, edits);
}
