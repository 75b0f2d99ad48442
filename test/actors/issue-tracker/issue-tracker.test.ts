/**
 * Carry-over issues through real `gh` / `glab` child processes (the recording fakes first on the
 * PATH), in a real git repository: the argv (no shell), `-R` from the remotes without credentials,
 * the reference's title, labels and `<!-- task-hash -->` marker, dedup, and failures as outcomes.
 */
import { describe, expect, it } from 'vitest';
import { carryoverTitle, taskHash } from '../../../src/actors/issue-tracker/carryover-issue.js';
import { fileCarryoverIssue } from '../../../src/actors/issue-tracker/issue-tracker.js';
import { runFileIssueEffect } from '../../../src/actors/issue-tracker/file-issue.effect.js';
import { validateEventData, type NewEvent } from '../../../src/events.js';
import { git, makeRepo } from '../../support/git-repo.js';
import { fakeTrackerEnv } from './fake-tracker-path.js';

const TASK = 'Add a token-bucket middleware to src/mw/rate-limit.ts';

function request(repo: string, env: NodeJS.ProcessEnv, tracker?: 'github' | 'gitlab') {
  return {
    repo,
    tracker,
    kind: 'SPIRAL' as const,
    task: TASK,
    context: 'Wave 2: spiral on src/mw/rate-limit.ts (A→B→A)',
    priority: 'high' as const,
    signal: new AbortController().signal,
    env,
  };
}

describe('carry-over issue text (the reference format)', () => {
  it('hashes the task text (sha256, 8 hex) and cuts the title at 80 characters', () => {
    expect(taskHash('abc')).toBe('ba7816bf');
    expect(carryoverTitle('FAILED', 'x'.repeat(81))).toBe(
      `[Carryover] [FAILED] ${'x'.repeat(79)}…`,
    );
    expect(carryoverTitle('SPIRAL', ` ${'y'.repeat(80)} `)).toBe(
      `[Carryover] [SPIRAL] ${'y'.repeat(80)}`,
    );
  });
});

describe('fileCarryoverIssue with gh', () => {
  it('given no existing issue, searches, then creates: argv, -R without the token, marker first', async () => {
    const repo = makeRepo();
    git(
      repo,
      'remote',
      'add',
      'origin',
      'https://x-access-token:ghp_secret123@github.com/acme/app.git',
    );
    const fake = fakeTrackerEnv({ FAKE_TRACKER_NEXT: '42' });
    const filing = await fileCarryoverIssue(request(repo, fake.env));
    expect(filing).toEqual({
      tracker: 'github',
      outcome: 'created',
      taskHash: taskHash(TASK),
      number: 42,
      url: 'https://github.com/acme/app/issues/42',
    });
    const [list, create] = fake.calls();
    expect(list).toEqual({
      cmd: 'gh',
      cwd: repo,
      args: [
        'issue',
        'list',
        '--label',
        'type:carryover',
        '--state',
        'open',
        '--limit',
        '100',
        '--json',
        'number,url,body',
        '-R',
        'github.com/acme/app',
      ],
    });
    expect(create?.cmd).toBe('gh');
    const args = create?.args ?? [];
    expect(args.slice(0, 3)).toEqual(['issue', 'create', '--title']);
    expect(args[3]).toBe(`[Carryover] [SPIRAL] ${TASK}`);
    expect(args[4]).toBe('--body');
    expect(args[5]?.split('\n')[0]).toBe(`<!-- task-hash: ${taskHash(TASK)} -->`);
    expect(args[5]).toContain('Wave 2: spiral on src/mw/rate-limit.ts (A→B→A)');
    expect(args.slice(6)).toEqual([
      '--label',
      'priority::high,status:ready,type:carryover',
      '-R',
      'github.com/acme/app',
    ]);
    expect(JSON.stringify(fake.calls())).not.toContain('ghp_secret123');
  });

  it('given an open issue with the marker, reports it as existing and creates nothing', async () => {
    const repo = makeRepo();
    git(repo, 'remote', 'add', 'origin', 'git@github.com:acme/app.git');
    const fake = fakeTrackerEnv();
    fake.seed([
      { number: 7, body: 'unrelated' },
      { number: 12, body: `<!-- task-hash: ${taskHash(TASK)} -->\n\n## [Carryover]` },
    ]);
    const filing = await fileCarryoverIssue(request(repo, fake.env));
    expect(filing).toMatchObject({
      outcome: 'existing',
      number: 12,
      url: 'https://github.com/acme/app/issues/12',
    });
    expect(fake.calls().map((c) => c.args[1])).toEqual(['list']);
  });

  it('given a logged-out gh, the outcome is failed with its message; no create after a failed search', async () => {
    const repo = makeRepo();
    git(repo, 'remote', 'add', 'origin', 'https://github.com/acme/app');
    const fake = fakeTrackerEnv({ FAKE_TRACKER_FAIL: 'list' });
    const filing = await fileCarryoverIssue(request(repo, fake.env));
    expect(filing.outcome).toBe('failed');
    expect(filing.error).toContain('gh auth login');
    expect(fake.calls()).toHaveLength(1);
    const failedCreate = fakeTrackerEnv({ FAKE_TRACKER_FAIL: 'create' });
    const second = await fileCarryoverIssue(request(repo, failedCreate.env));
    expect(second).toMatchObject({ outcome: 'failed', tracker: 'github' });
    expect(second.error).toMatch(/^creating the issue failed: .*gh auth login/);
  });

  it('given no gh on the PATH, fails with a clear message', async () => {
    const repo = makeRepo();
    const filing = await fileCarryoverIssue(request(repo, { PATH: '/nonexistent' }, 'github'));
    expect(filing).toMatchObject({
      outcome: 'failed',
      error: expect.stringContaining('gh is not installed') as unknown,
    });
  });
});

describe('fileCarryoverIssue with glab', () => {
  it('given vcs gitlab and a gitlab remote, uses --description, the raw URL as -R, parses the URL', async () => {
    const repo = makeRepo();
    git(repo, 'remote', 'add', 'gitlab', 'https://gitlab.company.com/group/sub/app.git');
    git(repo, 'remote', 'add', 'origin', 'https://github.com/acme/app.git');
    const fake = fakeTrackerEnv({ FAKE_TRACKER_NEXT: '7' });
    const filing = await fileCarryoverIssue(request(repo, fake.env, 'gitlab'));
    expect(filing).toMatchObject({
      tracker: 'gitlab',
      outcome: 'created',
      number: 7,
      url: 'https://gitlab.com/acme/app/-/issues/7',
    });
    const [list, create] = fake.calls();
    expect(list?.args).toEqual([
      'issue',
      'list',
      '--label',
      'type:carryover',
      '--per-page',
      '100',
      '--output',
      'json',
      '-R',
      'https://gitlab.company.com/group/sub/app.git',
    ]);
    expect(create?.cmd).toBe('glab');
    expect(create?.args[4]).toBe('--description');
    expect(create?.args.slice(-4)).toEqual([
      '--label',
      'priority::high,status:ready,type:carryover',
      '-R',
      'https://gitlab.company.com/group/sub/app.git',
    ]);
  });

  it('finds an existing issue by its description marker (iid)', async () => {
    const repo = makeRepo();
    git(repo, 'remote', 'add', 'origin', 'git@gitlab.com:acme/app.git');
    const fake = fakeTrackerEnv();
    fake.seed([{ number: 31, body: `x\n<!-- task-hash: ${taskHash(TASK)} -->` }]);
    expect(await fileCarryoverIssue(request(repo, fake.env))).toMatchObject({
      tracker: 'gitlab',
      outcome: 'existing',
      number: 31,
    });
  });

  it('without vcs and without a GitHub/GitLab remote, files nothing and says how to configure it', async () => {
    const repo = makeRepo();
    const fake = fakeTrackerEnv();
    const filing = await fileCarryoverIssue(request(repo, fake.env));
    expect(filing).toMatchObject({ tracker: null, outcome: 'failed' });
    expect(filing.error).toContain('vcs: github');
    expect(fake.calls()).toEqual([]);
  });
});

describe('runFileIssueEffect (what the effect runner calls)', () => {
  it('enqueues carryover.issue_filed with the outcome, caused by the intent', async () => {
    const repo = makeRepo();
    git(repo, 'remote', 'add', 'origin', 'https://github.com/acme/app.git');
    const fake = fakeTrackerEnv({ FAKE_TRACKER_NEXT: '5' });
    const queued: NewEvent[] = [];
    await runFileIssueEffect(
      {
        kind: 'file-issue',
        key: 'file-issue:w2:m-2',
        wave: 2,
        taskId: 'm-2',
        agentId: 'w2-m-2-a2',
        issueKind: 'SPIRAL',
        task: TASK,
        context: 'spiral twice',
        priority: 'high',
      },
      {
        repo,
        tracker: undefined,
        signal: new AbortController().signal,
        enqueue: (e) => queued.push(e),
        env: fake.env,
      },
      17,
    );
    expect(queued).toEqual([
      {
        type: 'carryover.issue_filed',
        causation: 17,
        data: {
          wave: 2,
          taskId: 'm-2',
          agentId: 'w2-m-2-a2',
          kind: 'SPIRAL',
          tracker: 'github',
          outcome: 'created',
          taskHash: taskHash(TASK),
          number: 5,
          url: 'https://github.com/acme/app/issues/5',
        },
      },
    ]);
    expect(() => validateEventData('carryover.issue_filed', queued[0]?.data)).not.toThrow();
  });
});
