import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { markNewDirectories } from '../../../src/adapters/plan/new-directories.js';
import { ResolvedPlanSchema } from '../../../src/domain/plan.schema.js';

describe('the new-directory fact of a plan (reference F1)', () => {
  it('marks exactly the tasks with a file in a directory the repository does not have', () => {
    const repo = mkdtempSync(join(tmpdir(), 'wave-newdir-'));
    mkdirSync(join(repo, 'src'));
    const plan = ResolvedPlanSchema.parse({
      session: { type: 'feature', intent: 'x' },
      config: {},
      runners: { default: { kind: 'claude' } },
      waves: [
        {
          wave: 1,
          role: 'Impl-Core',
          tasks: [
            { id: 'm-1', task: 'a', files: ['src/a.ts', 'README.md'] },
            { id: 'm-2', task: 'b', files: ['src/new/b.ts'] },
            { id: 'm-3', task: 'c', files: ['lib/'] },
            { id: 'm-4', task: 'd', files: ['src/**/*.ts'] },
          ],
        },
      ],
    });
    const marked = markNewDirectories(plan, repo).waves[0]?.tasks.map((t) => t.createsDirectory);
    expect(marked).toEqual([undefined, true, true, undefined]);
    // The plan given is not changed.
    expect(plan.waves[0]?.tasks.some((t) => t.createsDirectory)).toBe(false);
  });
});
