/** Runs the built `wave` CLI as a user would (a child process), for end-to-end tests. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCRIPTED_AGENT } from './git-repo.js';

/** Absolute path of the built CLI. */
export const WAVE_BIN = resolve('dist/cli/wave.js');

/** Result of one CLI run. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `wave <args>` to its end. */
export function wave(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<CliResult> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [WAVE_BIN, ...args],
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}

/** Starts `wave <args>` in the background. */
export function waveBackground(
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): ChildProcess {
  return spawn(process.execPath, [WAVE_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Writes a plan file with the scripted agent as the default runner. */
export function writePlan(repo: string, body: string, name = 'plan.yaml'): string {
  const path = join(repo, name);
  const runners = `runners:\n  default: { kind: command, argv: [node, ${JSON.stringify(SCRIPTED_AGENT)}], format: claude-stream-json }\n`;
  writeFileSync(path, body.includes('runners:') ? body : `${body.trimEnd()}\n${runners}`);
  return path;
}

/** The session logs of a repository. */
export function logFiles(repo: string): string[] {
  const dir = join(repo, '.orchestrator', 'log');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .map((f) => join(dir, f));
}

/** The events of the only session log of a repository. */
export function readLog(
  repo: string,
): { seq: number; type: string; data: Record<string, unknown> }[] {
  const files = logFiles(repo);
  if (files.length !== 1) throw new Error(`expected one log, found ${files.length}`);
  return readFileSync(files[0] as string, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { seq: number; type: string; data: Record<string, unknown> });
}
