/**
 * The projection writer: the only code that writes projection files (STATE.md, sessions.jsonl,
 * session.lock, events.jsonl, agent status, wave-scope.json).
 *
 * - {@link FileOutput}: atomic replace (tmp file in the same directory + rename, `mkdir -p` first);
 *   `null` deletes the file if present. An `appendOnly` output (an append log) whose content only
 *   grew gets its new tail appended instead, as the reference appends to it.
 * - `OwnedLinesOutput`: read the shared file, keep foreign lines in order, replace this
 *   session's lines in place (at the position of the first one) or append them; atomic rewrite.
 *   While the file is still the one this writer left, nothing foreign is read or split again:
 *   new lines of a block that ends the file are appended (`src/adapters/owned-lines.ts`).
 * - An unchanged render never touches the file (its mtime stays): the writer compares with what it
 *   last wrote (confirmed by a `stat`) or with the bytes on disk.
 *
 * Projection files are rebuildable from the durable log, so they are not fsynced.
 *
 * Nothing is written outside the root: the root is resolved with `realpath`, every path is
 * checked to stay inside it, and a symbolic link on the way (`.claude`, `.orchestrator`, or the
 * file itself, e.g. a `sessions.jsonl` pointing at a private file) is refused with
 * {@link PreconditionError} before anything is read or written through it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpSiblingOf, tmpSiblingPid } from '../domain/tmp-sibling.js';
import { wellFormedText } from '../domain/well-formed.js';
import { PreconditionError } from '../errors.js';
import type { ProjectionOutput } from '../projections/projection.js';
import { isPidAlive } from './pid-alive.js';
import { OwnedLinesWriter, mergeOwnedLines } from './owned-lines.js';
import { SegmentedFiles } from './segmented-file.js';
import { writeAllSync } from './write-all.js';

export { mergeOwnedLines } from './owned-lines.js';

/** What {@link ProjectionWriter.write} did per path. */
export interface WriteReport {
  written: string[];
  deleted: string[];
  unchanged: string[];
}

/** One difference found by {@link ProjectionWriter.check}. */
export interface ProjectionDifference {
  path: string;
  kind: 'missing' | 'unexpected' | 'different';
  /** Short human description (first differing line for `different`). */
  detail: string;
}

/** Writes (or checks) rendered projection outputs under one repository root. */
export interface ProjectionWriter {
  /** Applies the outputs in order; returns what changed. */
  write(outputs: readonly ProjectionOutput[]): WriteReport;
  /** Compares the outputs with the files on disk without writing anything. */
  check(outputs: readonly ProjectionOutput[]): ProjectionDifference[];
}

interface Cached {
  content: string;
  mtimeMs: number;
  size: number;
  ino: number;
}

/** `line N: expected … got …` for the first line where two texts differ. */
export function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const n = Math.max(a.length, b.length);
  const clip = (s: string | undefined): string =>
    s === undefined
      ? '<end of file>'
      : JSON.stringify(s.length > 120 ? `${s.slice(0, 117)}...` : s);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return `line ${i + 1}: expected ${clip(a[i])}, found ${clip(b[i])}`;
  }
  return 'contents differ';
}

function isMissing(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The real path of a root directory (itself, resolved, when it does not exist yet). */
function realRoot(root: string): string {
  try {
    return fs.realpathSync.native(root);
  } catch (err) {
    if (isMissing(err)) return path.resolve(root);
    throw err;
  }
}

/**
 * Throws {@link PreconditionError} when a component of `abs` below `root` (the file included) is
 * a symbolic link: writing through it could leave the root. Components that do not exist yet are
 * fine (they are created as plain directories).
 */
export function assertNoSymlinkBelow(root: string, abs: string): void {
  const rel = path.relative(root, abs);
  let current = root;
  for (const part of rel.split(path.sep)) {
    if (part === '') continue;
    current = path.join(current, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch (err) {
      if (isMissing(err)) return;
      throw err;
    }
    if (st.isSymbolicLink()) {
      throw new PreconditionError(
        `refusing to write ${path.relative(root, abs)}: ${path.relative(root, current)} is a symbolic link (to ${fs.readlinkSync(current)}); wave writes only plain files and directories inside ${root}`,
      );
    }
  }
}

/** Creates the writer for the repository at `root`. */
export function createProjectionWriter(options: { root: string }): ProjectionWriter {
  const root = realRoot(options.root);
  const cache = new Map<string, Cached>();
  let counter = 0;
  const swept = new Set<string>();

  function resolve(rel: string): string {
    const abs = path.resolve(root, rel);
    if (path.isAbsolute(rel) || (abs !== root && !abs.startsWith(root + path.sep))) {
      throw new PreconditionError(`projection path must stay inside ${root}: ${rel}`);
    }
    assertNoSymlinkBelow(root, abs);
    return abs;
  }

  function stat(abs: string): fs.Stats | null {
    try {
      return fs.statSync(abs);
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /** Current content: from the cache when the file is provably the one we wrote, else from disk. */
  function readCurrent(abs: string): string | null {
    const st = stat(abs);
    if (!st) {
      cache.delete(abs);
      return null;
    }
    const c = cache.get(abs);
    if (c && c.mtimeMs === st.mtimeMs && c.size === st.size && c.ino === st.ino) return c.content;
    try {
      const content = fs.readFileSync(abs, 'utf8');
      cache.set(abs, { content, mtimeMs: st.mtimeMs, size: st.size, ino: st.ino });
      return content;
    } catch (err) {
      if (isMissing(err)) return null;
      throw err;
    }
  }

  /**
   * Removes the temporary siblings of `abs` that a killed writer left behind (its pid is gone), so
   * a crash leaves no litter next to the user's files after the next write.
   */
  function sweepStaleSiblings(abs: string): void {
    const dir = path.dirname(abs);
    for (const name of fs.readdirSync(dir)) {
      const pid = tmpSiblingPid(`${dir}/${name}`, abs);
      if (pid !== null && pid !== process.pid && !isPidAlive(pid)) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  }

  /** Writes `parts` (concatenated) to a tmp file next to `abs` and renames it over `abs`. */
  function replaceFile(abs: string, parts: readonly (string | Buffer)[]): fs.Stats {
    const dir = path.dirname(abs);
    fs.mkdirSync(dir, { recursive: true });
    if (!swept.has(abs)) sweepStaleSiblings(abs);
    swept.add(abs);
    counter += 1;
    const tmp = tmpSiblingOf(abs, process.pid, counter);
    try {
      const fd = fs.openSync(tmp, 'wx');
      try {
        writeAllSync(
          fd,
          parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part)),
        );
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, abs);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
    return fs.statSync(abs);
  }

  function writeAtomic(abs: string, content: string): void {
    segmented.forget(abs);
    const st = replaceFile(abs, [content]);
    cache.set(abs, { content, mtimeMs: st.mtimeMs, size: st.size, ino: st.ino });
  }

  /** Appends what `content` adds to `have` (the file's current content, a prefix of it). */
  function appendTail(abs: string, have: string, content: string): void {
    segmented.forget(abs);
    fs.appendFileSync(abs, content.slice(have.length));
    const st = fs.statSync(abs);
    cache.set(abs, { content, mtimeMs: st.mtimeMs, size: st.size, ino: st.ino });
  }

  const owned = new OwnedLinesWriter({ stat, replaceFile });
  const segmented = new SegmentedFiles({ stat, replaceFile });

  /** A whole file given in segments, written from them (see `segmented-file.ts`); false: cannot. */
  function writeSegmented(out: ProjectionOutput, report: WriteReport): boolean {
    if (out.kind !== 'file' || !out.segments || out.content === null || out.appendOnly)
      return false;
    const abs = resolve(out.path);
    const done = segmented.write(abs, out.segments);
    if (done === null) return false;
    cache.delete(abs);
    report[done].push(out.path);
    return true;
  }

  /** The content the output wants on disk (null = absent) and what is there now. */
  function plan(out: ProjectionOutput): { abs: string; want: string | null; have: string | null } {
    const abs = resolve(out.path);
    const have = readCurrent(abs);
    const raw = out.kind === 'file' ? out.content : mergeOwnedLines(have, out);
    // What UTF-8 can hold: a lone surrogate would reach the disk as U+FFFD and never compare equal.
    const want = raw === null ? null : wellFormedText(raw);
    return { abs, want, have };
  }

  return {
    write(outputs) {
      const report: WriteReport = { written: [], deleted: [], unchanged: [] };
      for (const out of outputs) {
        if (out.kind === 'owned-lines') {
          report[owned.write(resolve(out.path), out)].push(out.path);
          continue;
        }
        if (writeSegmented(out, report)) continue;
        const { abs, want, have } = plan(out);
        if (want === have) {
          report.unchanged.push(out.path);
        } else if (want === null) {
          fs.rmSync(abs, { force: true });
          cache.delete(abs);
          segmented.forget(abs);
          report.deleted.push(out.path);
        } else {
          // An append log that only grew: its new lines are appended (the file is not rewritten).
          if (out.appendOnly && have !== null && have !== '' && want.startsWith(have)) {
            appendTail(abs, have, want);
          } else writeAtomic(abs, want);
          report.written.push(out.path);
        }
      }
      return report;
    },
    check(outputs) {
      const diffs: ProjectionDifference[] = [];
      for (const out of outputs) {
        const { want, have } = plan(out);
        if (want === have) continue;
        if (want === null) {
          diffs.push({ path: out.path, kind: 'unexpected', detail: 'file exists but should not' });
        } else if (have === null) {
          diffs.push({ path: out.path, kind: 'missing', detail: 'file does not exist' });
        } else {
          diffs.push({ path: out.path, kind: 'different', detail: firstDifference(want, have) });
        }
      }
      return diffs;
    },
  };
}
