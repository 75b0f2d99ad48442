/**
 * Reading files and directories that may legitimately be absent (a repository without a
 * CLAUDE.md, a session lock, a log directory). Only "does not exist" is absorbed; any other
 * failure (permissions, I/O) propagates.
 */
import { readdir, readFile } from 'node:fs/promises';

function isMissing(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'ENOENT';
}

/** The file's text, or undefined when it does not exist. */
export async function readTextIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The names in a directory that end in `suffix`, sorted; empty when the directory does not exist. */
export async function listIfPresent(dir: string, suffix = ''): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((n) => n.endsWith(suffix)).sort();
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}
