/**
 * `wave replay` of a real session's log of more than 1 MiB (agents bursting tool calls through
 * the runtime), as a user runs it (the built CLI): the session leaves the replay checkpoint when
 * it ends; without it, the first replay goes through the machines and leaves it again; the second is served by it (the checkpoint is not rewritten) and
 * writes byte-identical files; `--check` on the repository agrees; a log edited in the middle
 * (same size) is replayed in full again and the checkpoint renewed.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { createWaveExecutor } from '../../src/runtime.js';
import { replayCheckpointPath } from '../../src/runtime/replay-checkpoint.js';
import { filesUnder, tempDir } from '../replay/fixture-files.js';
import { burstRunner } from '../support/burst-runner.js';
import { tempRepos } from '../support/temp-repos.js';
import { wave } from '../support/wave-cli.js';

const repos = tempRepos();

describe('wave replay with its checkpoint (built CLI)', () => {
  it('serves an unchanged log from the checkpoint with the same files; an edited one in full', async () => {
    const repo = repos.repo({ 'README.md': '# replay checkpoint\n' });
    const plan = ResolvedPlanSchema.parse({
      session: { type: 'feature', intent: 'Replay checkpoint' },
      config: {},
      runners: { default: { kind: 'command', argv: ['true'], format: 'text' } },
      waves: ['Impl-Core', 'Quality'].map((role, w) => ({
        wave: w + 1,
        role,
        tasks: Array.from({ length: 4 }, (_, i) => ({ id: `m-${w * 4 + i + 1}`, task: `T${i}` })),
      })),
    });
    const executor = await createWaveExecutor({
      plan,
      repo,
      runners: {
        default: burstRunner(700, {
          call: (i) => ({
            tool: i % 3 === 0 ? 'Edit' : 'Read',
            input: { file_path: `src/module-${i % 40}/file-${i % 7}.ts` },
            callId: `toolu_${i.toString(36)}`,
          }),
        }),
      },
    });
    expect((await executor.run()).exitCode).toBe(0);
    const log = join(repo, '.orchestrator', 'log', `${executor.sessionId}.jsonl`);
    expect(fs.statSync(log).size).toBeGreaterThan(1 << 20);
    const cp = replayCheckpointPath(repo, log);
    // The session left the checkpoint when it ended; removed, the first replay is cold.
    expect(fs.existsSync(cp)).toBe(true);
    fs.rmSync(join(cp, '..'), { recursive: true });

    const coldOut = tempDir('replay-cold-');
    const cold = await wave(['replay', log, '--out', coldOut], { cwd: repo });
    expect(cold).toMatchObject({ code: 0, stderr: '' });
    const written = fs.statSync(cp).mtimeMs;
    const warmOut = tempDir('replay-warm-');
    const warm = await wave(['replay', log, '--out', warmOut], { cwd: repo });
    expect(warm).toMatchObject({ code: 0, stderr: '' });
    expect(warm.stdout.replace(warmOut, 'OUT')).toBe(cold.stdout.replace(coldOut, 'OUT'));
    expect(fs.statSync(cp).mtimeMs).toBe(written);
    expect(filesUnder(warmOut)).toEqual(filesUnder(coldOut));
    const check = await wave(['replay', log, '--check'], { cwd: repo });
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain('every projection matches');
    expect(fs.statSync(cp).mtimeMs).toBe(written);

    // One byte of a tool call changed, same size: the hash tells; replayed in full, renewed.
    const text = fs.readFileSync(log, 'utf8');
    const at = text.indexOf('"file_path":"src/module-1/') + '"file_path":"src/module-'.length;
    fs.writeFileSync(log, `${text.slice(0, at)}2${text.slice(at + 1)}`);
    const before = fs.readFileSync(cp, 'utf8');
    const editedOut = tempDir('replay-edited-');
    const edited = await wave(['replay', log, '--out', editedOut], { cwd: repo });
    expect(edited).toMatchObject({ code: 0, stderr: '' });
    expect(fs.readFileSync(cp, 'utf8')).not.toBe(before);
    expect(filesUnder(editedOut)).toEqual(filesUnder(coldOut));
  }, 120_000);
});
