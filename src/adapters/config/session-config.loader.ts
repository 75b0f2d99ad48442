/**
 * Finding and reading a repository's Session Config: the `## Session Config` section of
 * `CLAUDE.md`, else of `AGENTS.md` (the first of the two that has the section), or of an explicit
 * file. No file or no section means the reference's defaults. Reads only; writes nothing.
 */
import { isAbsolute, join } from 'node:path';
import type { Issue } from '../../errors.js';
import { readTextIfPresent } from '../optional-files.js';
import type { SessionConfig } from './session-config.defaults.js';
import { parseSessionConfig } from './session-config.parser.js';

/** Host files searched for a `## Session Config` section, in order. */
const CONFIG_HOST_FILES = ['CLAUDE.md', 'AGENTS.md'] as const;

/** A repository's Session Config as loaded. */
export interface LoadedSessionConfig {
  /** The file the section came from; `undefined` when none has one (defaults apply). */
  file: string | undefined;
  config: SessionConfig;
  issues: Issue[];
}

/**
 * Loads the Session Config of `repo`. With `configFile` (relative to `repo` or absolute) only
 * that file is read and it must exist.
 */
export async function loadSessionConfig(
  repo: string,
  options: { configFile?: string } = {},
): Promise<LoadedSessionConfig> {
  const candidates = options.configFile
    ? [isAbsolute(options.configFile) ? options.configFile : join(repo, options.configFile)]
    : CONFIG_HOST_FILES.map((name) => join(repo, name));
  for (const file of candidates) {
    let content: string | undefined;
    try {
      content = await readTextIfPresent(file);
    } catch (error) {
      const message = `cannot read the Session Config file: ${(error as Error).message}`;
      return { file, config: parseSessionConfig('', file).config, issues: [{ file, message }] };
    }
    if (content === undefined) {
      if (options.configFile) {
        return {
          file,
          config: parseSessionConfig('', file).config,
          issues: [{ file, message: 'Session Config file not found' }],
        };
      }
      continue;
    }
    const parsed = parseSessionConfig(content, file);
    if (parsed.found) return { file, config: parsed.config, issues: parsed.issues };
  }
  return { file: undefined, config: parseSessionConfig('', '').config, issues: [] };
}
