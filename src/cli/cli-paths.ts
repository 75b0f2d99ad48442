/**
 * Checks of the directory options (`--repo`, `--out`) before a command touches anything: a path
 * that is not a directory is bad input (exit 2), not an internal error later.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PreconditionError } from '../errors.js';

/**
 * Resolves a directory option. It must be a directory; when `mayBeMissing`, it may also not exist
 * yet (`--out`). Throws {@link PreconditionError}.
 */
export async function directoryOption(
  flag: string,
  value: unknown,
  mayBeMissing = false,
): Promise<string> {
  const path = resolve(typeof value === 'string' ? value : '.');
  try {
    const info = await stat(path);
    if (!info.isDirectory()) throw new PreconditionError(`${flag} ${path}: not a directory`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === 'ENOENT' && mayBeMissing) return path;
    if (code === 'ENOENT') throw new PreconditionError(`${flag} ${path}: no such directory`);
    if (code === 'ENOTDIR') throw new PreconditionError(`${flag} ${path}: not a directory`);
    throw error;
  }
  return path;
}
