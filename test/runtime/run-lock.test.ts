/**
 * The run lock (issue 8, item 4): two real processes racing over a stale lock end with exactly one
 * holder, 50 times in a row; an empty or truncated lock is stale and the takeover says why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { acquireRunLock, judgeRunLock, runLockPath } from '../../src/runtime/run-lock.js';
import { SessionLockedError } from '../../src/errors.js';

/** A pid that certainly belongs to no running process (a child that has exited). */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(r.stdout.toString());
}

class Contender {
  readonly child: ChildProcess;
  private readonly lines: Interface;
  private readonly waiting: ((line: string) => void)[] = [];
  constructor() {
    this.child = spawn(process.execPath, [resolve('test/support/run-lock-contender.mjs')], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    this.lines.on('line', (l) => this.waiting.shift()?.(l));
  }
  send(cmd: string): Promise<string> {
    return new Promise((r) => {
      this.waiting.push(r);
      this.child.stdin?.write(`${cmd}\n`);
    });
  }
  stop(): void {
    this.child.stdin?.end();
  }
}

function repoWithLock(content: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'wave-lock-'));
  const path = runLockPath(repo);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return repo;
}

describe('run lock', () => {
  const contenders = [new Contender(), new Contender()];
  afterAll(() => contenders.forEach((c) => c.stop()));

  it('two processes started together over a stale lock: exactly one runs, 50 times', async () => {
    const pid = deadPid();
    for (let round = 0; round < 50; round++) {
      const stale = JSON.stringify({ pid, host: hostname(), session: `dead-${round}` });
      const repo = repoWithLock(round % 5 === 4 ? '' : stale);
      const answers = await Promise.all(contenders.map((c) => c.send(`go ${repo}`)));
      const winners = answers.filter((a) => a.startsWith('won'));
      expect(winners, `round ${round}: ${answers.join(' | ')}`).toHaveLength(1);
      const loser = answers.find((a) => a.startsWith('lost')) ?? '';
      expect(loser).toContain('run.lock');
      const winner = contenders[answers.indexOf(winners[0] as string)] as Contender;
      const held = JSON.parse(readFileSync(runLockPath(repo), 'utf8')) as { pid: number };
      expect(held.pid).toBe(winner.child.pid);
      expect(await winner.send('release')).toBe('released');
    }
  }, 30_000);

  it.each([
    ['', 'the run lock was empty; taken over'],
    ['{"pid": 12', 'the run lock was truncated (not valid JSON); taken over'],
  ])('an empty or truncated lock (%j) is stale, and the takeover says so', async (text, why) => {
    const repo = repoWithLock(text);
    const lock = await acquireRunLock(repo, 's-1');
    expect(lock.tookOver).toBe(why);
    await lock.release();
  });

  it('a live holder is named; a dead one on this host is taken over', async () => {
    const live = repoWithLock(JSON.stringify({ pid: process.pid, host: hostname(), session: 'x' }));
    const refused = await acquireRunLock(live, 's-2').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SessionLockedError);
    expect(String(refused)).toContain(`session x (pid ${process.pid} on ${hostname()})`);
    const pid = deadPid();
    expect(judgeRunLock(JSON.stringify({ pid, host: hostname() }))).toEqual({
      live: false,
      reason: `the run lock's process ${pid} is gone`,
    });
  });
});
