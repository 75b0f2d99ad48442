/**
 * This session's lines inside a shared JSONL file (sessions.jsonl, events.jsonl), merged
 * incrementally.
 *
 * The first write of a session reads the file, keeps the foreign lines in order and gathers this
 * session's lines at the position of the first one (or at the end): the file becomes
 * `prefix + ours + suffix`. The writer remembers that split, with the file's identity (inode,
 * size, mtime) as it left it. While the file is still the one it wrote, the next write needs no
 * read and no split: the foreign text around our block is reused as it is, however many foreign
 * lines there are. Another process touching the file changes its identity, and the next write
 * merges from the disk again.
 */
import type { OwnedLinesOutput } from '../projections/projection.js';

/** A shared file as this writer last left it. */
export interface OwnedSplit {
  /** Foreign lines before ours ('' or `\n`-terminated lines). */
  prefix: string;
  /** Our block ('' or `\n`-terminated lines). */
  ours: string;
  /** Foreign lines after ours. */
  suffix: string;
  mtimeMs: number;
  size: number;
  ino: number;
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const block = (lines: readonly string[]): string => (lines.length ? `${lines.join('\n')}\n` : '');

/**
 * Splits `current` into the foreign text before the first owned line, and the foreign text after
 * it (owned lines dropped). With no owned line, every foreign line is in `prefix`.
 */
export function splitOwned(
  current: string,
  owns: OwnedLinesOutput['owns'],
): { prefix: string; suffix: string } {
  const before: string[] = [];
  const after: string[] = [];
  let seen = false;
  for (const line of splitLines(current)) {
    if (owns(line)) seen = true;
    else (seen ? after : before).push(line);
  }
  return { prefix: block(before), suffix: block(after) };
}

/**
 * The new content of a shared JSONL file: foreign lines kept in order, ours replaced at the
 * position of the first owned line (or appended). Returns `current` itself when nothing changes,
 * and null when the file does not exist and there is nothing to write.
 */
export function mergeOwnedLines(
  current: string | null,
  out: Pick<OwnedLinesOutput, 'owns' | 'lines'>,
): string | null {
  if (current === null) return out.lines.length ? block(out.lines) : null;
  const { prefix, suffix } = splitOwned(current, out.owns);
  const merged = prefix + block(out.lines) + suffix;
  // The same lines, only the last one's newline missing: nothing to rewrite.
  return merged === current || merged === `${current}\n` ? current : merged;
}

/** The `\n`-terminated block of `lines` (exported for the writer). */
export const ownedBlock = block;
