/**
 * The agent runner for every runner kind (`claude`, `codex`, `gemini`, `command`): writes the
 * prompt to a temp file (`$WAVE_PROMPT_FILE`), starts the process in its own group, parses its
 * stdout in the kind's stream format into events, and resolves the terminal event
 * (`agent-terminal.ts`):
 * `agent.timed_out` (timeout or silence limit), `agent.crashed` (abort, spawn failure, or an exit
 * without a result), else `agent.finished` with STATUS parsing, inference and overrides applied.
 * A run that shows the agent cannot run here at all (program missing or not executable, an
 * environment exit code, a stream that says so) also returns `environmentFailure`.
 *
 * Whatever an agent prints is untrusted: lines are bounded (`maxLineBytes`), texts beyond
 * `outputEventsPerSecond` are coalesced, and an event that would still fail its schema is replaced
 * by an `agent.output` saying what was dropped, so an agent can never stop the coordinator.
 */
import { supervisionStopOf } from './supervision-stop.js';
import { mkdtemp, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newEvent, type NewEvent } from '../../events.js';
import type {
  AgentEmit,
  AgentRunner,
  AgentRunRequest,
  AgentRunResult,
  BlobSink,
} from '../../ports.js';
import { buildInvocation, type AgentInvocation } from './agent-invocation.js';
import { runAgentProcess } from './agent-process.js';
import { checkedEvent, crashedEvent, environmentFailure, terminalOf } from './agent-terminal.js';
import { OutputThrottle, type Coalesced } from './output-throttle.js';
import { RunCollector } from './run-collector.js';
import { ToolCallGate } from './tool-call-gate.js';
import { DEFAULT_INLINE_LIMIT, eventOf } from './stream-events.js';
import type { StreamItem } from './stream-item.js';
import { streamReader } from './parse-thread/shared-parse-thread.js';
import { scopeHookCommand, scopeHookSettings } from '../../adapters/claude-settings.js';

/** Options of {@link createAgentRunner}. */
export interface AgentRunnerOptions {
  /** Time between SIGTERM and SIGKILL of an agent's process group (default 2000 ms). */
  killGraceMs?: number;
  /** Inline limit for texts and tool inputs in events (default 4096 characters). */
  inlineLimit?: number;
  /** Where large payloads go (the runtime's content-addressed blob store). */
  blobSink?: BlobSink;
  /** Base environment of the agents (default `process.env`). */
  baseEnv?: NodeJS.ProcessEnv;
  /** Longest stdout line kept whole (default 1 MiB). */
  maxLineBytes?: number;
  /** Texts per second that become `agent.output` events one by one (default 100). */
  outputEventsPerSecond?: number;
  /** Tool calls per second logged one by one (default 1000; the rest are counted). */
  toolCallEventsPerSecond?: number;
}

const SETTINGS_FILE = 'settings.json';

/**
 * Removes a run's temporary directory: the files the runner wrote, then the directory (four system
 * calls, where a recursive removal lists and stats it too); whatever else an agent left there goes
 * with a recursive removal.
 */
async function removeRunDir(dir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await unlink(file).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error; // not written (no hook), or the agent removed it
    });
  }
  await rmdir(dir).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    await rm(dir, { recursive: true, force: true });
  });
}

/**
 * A Claude agent gets the wave scope hook: `--settings <dir>/settings.json` holding only the
 * PreToolUse hook (Claude Code adds it to the project's and the user's hooks). Not when the
 * runner's own `args` pass `--settings` (one settings flag; the post-agent scope check still runs).
 */
async function withScopeHook(
  invocation: AgentInvocation,
  request: AgentRunRequest,
  dir: string,
): Promise<AgentInvocation> {
  if (request.runner.kind !== 'claude') return invocation;
  if (request.runner.args.some((a) => a === '--settings' || a.startsWith('--settings=')))
    return invocation;
  const file = join(dir, SETTINGS_FILE);
  const command = scopeHookCommand({
    root: request.cwd,
    ...(request.scopeManifest !== undefined ? { manifest: request.scopeManifest } : {}),
  });
  await writeFile(file, `${JSON.stringify(scopeHookSettings(command), null, 2)}\n`, 'utf8');
  const argv = [...invocation.argv, '--settings', file];
  return { ...invocation, argv, loggedArgv: [...invocation.loggedArgv, '--settings', file] };
}

/** Creates the runner that starts real agent processes. */
export function createAgentRunner(options: AgentRunnerOptions = {}): AgentRunner {
  const limit = options.inlineLimit ?? DEFAULT_INLINE_LIMIT;
  return {
    async run(request: AgentRunRequest, emit: AgentEmit): Promise<AgentRunResult> {
      const { agentId } = request;
      let invocation: AgentInvocation;
      try {
        invocation = buildInvocation(request.runner, request.prompt, request.maxTurns);
      } catch (error) {
        const exit = {
          exitCode: null,
          signal: null,
          stderrTail: '',
          timedOut: false,
          silent: false,
          aborted: false,
          bounds: { truncatedLines: 0, droppedBytes: 0 },
        };
        return { terminal: crashedEvent(agentId, exit, (error as Error).message), findings: [] };
      }
      const dir = await mkdtemp(join(tmpdir(), 'wave-agent-'));
      const promptFile = join(dir, 'prompt.md');
      try {
        await writeFile(promptFile, request.prompt, 'utf8');
        invocation = await withScopeHook(invocation, request, dir);
        const env: NodeJS.ProcessEnv = {
          ...(options.baseEnv ?? process.env),
          ...request.runner.env,
          WAVE_SESSION_ID: request.sessionId,
          WAVE_WAVE: String(request.wave),
          WAVE_TASK_ID: request.taskId,
          WAVE_AGENT_ID: agentId,
          WAVE_MAX_TURNS: String(request.maxTurns),
          WAVE_PROMPT_FILE: promptFile,
          WAVE_STREAM_FORMAT: invocation.format,
        };
        const collector = new RunCollector(
          request.cwd,
          invocation.format === 'text',
          request.spiralRule ?? 'default',
        );
        const send = (event: NewEvent): void => emit(checkedEvent(agentId, event));
        const throttle = new OutputThrottle(
          {
            keepChars: limit,
            ...(options.outputEventsPerSecond !== undefined
              ? { perSecond: options.outputEventsPerSecond }
              : {}),
          },
          (text: string, coalesced?: Coalesced) => {
            const event = eventOf(agentId, { kind: 'text', text }, limit, options.blobSink);
            if (event?.type === 'agent.output' && coalesced) {
              event.data.coalesced = coalesced.lines;
              event.data.droppedChars = coalesced.droppedChars;
            }
            if (event) send(event);
          },
        );
        const tools = new ToolCallGate(
          (n) =>
            send(
              newEvent('agent.output', {
                agentId,
                text: `[wave] ${n} tool call(s) beyond the event rate were not logged one by one`,
              }),
            ),
          options.toolCallEventsPerSecond,
        );
        const take = (items: readonly StreamItem[]): void => {
          for (const item of items) {
            collector.add(item);
            if (item.kind === 'text') throttle.offer(item.text);
            else if (item.kind === 'error') throttle.offer(`error: ${item.message}`);
            else if (item.kind === 'turn') {
              send(newEvent('agent.turn_started', { agentId, turn: collector.turnCount }));
            } else if (item.kind === 'tool_called' && !tools.admit()) continue;
            else {
              const event = eventOf(agentId, item, limit, options.blobSink);
              if (event) send(event);
            }
          }
        };
        const timeoutMs = request.timeoutMs ?? request.runner.timeoutMs;
        const silenceMs = request.silenceMs;
        const stopOf = () => supervisionStopOf(request.signal);
        const exit = await runAgentProcess({
          argv: invocation.argv,
          cwd: request.cwd,
          env,
          stdin: invocation.stdin,
          signal: request.signal,
          ...(timeoutMs !== undefined ? { timeoutMs } : {}),
          ...(silenceMs !== undefined ? { silenceMs } : {}),
          ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
          ...(request.backpressure !== undefined ? { backpressure: request.backpressure } : {}),
          onSpawn: (pid) =>
            emit(newEvent('agent.started', { agentId, pid, argv: invocation.loggedArgv })),
          stdout: streamReader(invocation.format, take, options.maxLineBytes),
        });
        throttle.flush();
        tools.flush();
        const { truncatedLines, droppedBytes } = exit.bounds;
        if (truncatedLines > 0) {
          send(
            newEvent('agent.output', {
              agentId,
              text: `[wave] ${truncatedLines} output line(s) longer than the line limit were cut (${droppedBytes} bytes dropped)`,
            }),
          );
        }
        const result: AgentRunResult = {
          terminal: terminalOf(agentId, exit, collector, invocation, timeoutMs, silenceMs, stopOf),
          findings: collector.findings(),
        };
        const environment = environmentFailure(request.runner.kind, invocation, exit, collector);
        if (environment !== undefined) result.environmentFailure = environment;
        return result;
      } finally {
        await removeRunDir(dir, [promptFile, join(dir, SETTINGS_FILE)]);
      }
    },
  };
}
