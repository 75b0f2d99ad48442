/**
 * The projection manifest, `.orchestrator/projections.json`: which version of each projection
 * wrote a repository's projection files, so a bumped version is noticed and its files rebuilt
 * from the logs (`src/runtime/projection-rebuild.ts`). Written tmp + rename, never half there.
 *
 * Format: `{ "projections": { "<projection name>": <version>, ... } }`.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { PreconditionError } from '../errors.js';

/** Repository-relative path of the manifest. */
export const PROJECTION_MANIFEST_PATH = '.orchestrator/projections.json';

/** Projection name → the version that wrote its files. */
export type ProjectionVersions = Record<string, number>;

const ManifestSchema = z.object({
  projections: z.record(z.string(), z.number().int().positive()),
});

/**
 * The versions recorded under `root`, or null when no manifest exists yet. A manifest that is
 * not JSON or not of the documented shape is a {@link PreconditionError} naming the file and key.
 */
export function readProjectionVersions(root: string): ProjectionVersions | null {
  const file = join(root, PROJECTION_MANIFEST_PATH);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new PreconditionError(
      `${file}: not JSON (${(error as Error).message}); delete it to start afresh`,
    );
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = issue?.path.join('.') ?? '';
    throw new PreconditionError(
      `${file}: ${key === '' ? '(root)' : key}: ${issue?.message ?? 'invalid'}; delete it to start afresh`,
    );
  }
  return parsed.data.projections;
}

/** Records `versions` as the ones that wrote the files under `root` (tmp + rename). */
export function writeProjectionVersions(root: string, versions: ProjectionVersions): void {
  const file = join(root, PROJECTION_MANIFEST_PATH);
  mkdirSync(dirname(file), { recursive: true });
  const sorted = Object.fromEntries(
    Object.entries(versions).sort(([a], [b]) => a.localeCompare(b)),
  );
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify({ projections: sorted }, null, 2)}\n`);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
