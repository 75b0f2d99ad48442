/**
 * A deterministic session simulator: the real coordinator and machines, with scripted actors.
 * Used by machine tests and to build the replay fixtures under test/fixtures/logs/ (until the
 * runtime records real ones; once committed, those logs are never edited).
 */
import { Coordinator } from '../../src/machines/coordinator.js';
import type { Effect } from '../../src/machines/intents.js';
import {
  currentVersion,
  newEvent,
  parseEvent,
  type DomainEvent,
  type NewEvent,
} from '../../src/events.js';
import type { ResolvedPlan } from '../../src/domain/plan.schema.js';
import { ResolvedPlanSchema } from '../../src/domain/plan.schema.js';
import { PATCHES } from '../../src/machines/patches.js';

/** What a scripted agent does. */
type ScriptedOutcome =
  | { kind: 'done'; files?: string[]; summary?: string; tools?: number; questions?: string[] }
  | { kind: 'partial'; remaining: string; files?: string[] }
  | { kind: 'failed'; error: string }
  | { kind: 'spiral'; file: string }
  | { kind: 'crash' }
  | { kind: 'timeout' }
  | { kind: 'never-starts' };

/** Simulation script. */
export interface Script {
  session: string;
  plan: unknown;
  /** Outcomes per task id, by attempt (the last one repeats). */
  agents?: Record<string, ScriptedOutcome[]>;
  /** Gate results per wave, by attempt (the last one repeats; default pass). */
  gates?: Record<number, ('pass' | 'fail')[]>;
  /** Answers per decision kind (default: the decision's default). */
  answers?: Record<string, string>;
  startMs?: number;
  /** `false`: the session begins without the patches of this code (as an older build would). */
  patches?: false;
  /** The baseline gate's result at session start (default: none ran). */
  baseline?: 'red' | 'green';
  /** Isolated agent runs whose merge-back conflicts. */
  conflicts?: string[];
  /** Stop after this many events (simulates a crash). */
  stopAfter?: number;
  /** How long before an event of this type the previous one happened (default 1 s). */
  stepMs?: (type: string) => number;
}

/** Runs a script to the end; returns the log. */
export function simulate(script: Script): DomainEvent[] {
  const plan: ResolvedPlan = ResolvedPlanSchema.parse(script.plan);
  const log: DomainEvent[] = [];
  const coordinator = new Coordinator();
  let clock = script.startMs ?? Date.UTC(2026, 10, 24, 9, 0, 0);
  const queue: NewEvent[] = [];
  const effects: Effect[] = [];
  const changed = new Set<string>();
  // What the agents changed since the current wave's snapshot (its `sinceBase`).
  const sinceSnapshot = new Set<string>();
  const HEAD = '0f3c2a9d5e1b7c4a8f6e2d1c0b9a8f7e6d5c4b3a';
  const fakeSha = (n: number) => String(n).padStart(40, 'a');
  // Files each agent run wrote (its worktree's content, when isolated).
  const agentFiles = new Map<string, string[]>();
  const attemptsSeen: Record<string, number> = {};
  const gateAttempts: Record<number, number> = {};

  const stamp = (e: NewEvent): DomainEvent => {
    clock += script.stepMs?.(e.type) ?? 1000;
    const raw: Record<string, unknown> = {
      v: currentVersion(e.type),
      seq: log.length + 1,
      ts: new Date(clock).toISOString(),
      session: script.session,
      type: e.type,
      data: e.data,
    };
    if (e.causation !== undefined) raw.causation = e.causation;
    return parseEvent(raw);
  };
  const push = (e: NewEvent) => queue.push(e);

  push(
    newEvent('session.started', {
      sessionType: plan.session.type,
      intent: plan.session.intent,
      branch: 'main',
      platform: 'claude',
      repo: '/repo',
      headRef: HEAD,
      semanticId: `main-2026-11-24-${plan.session.type}-1`,
      issues: plan.session.issues,
      pid: 4242,
      host: 'ci-host',
      ttlHours: 4,
      ...(script.patches === false ? {} : { patches: [...PATCHES] }),
    }),
  );
  push(newEvent('session.planned', { plan, source: 'plan.yaml' }));
  if (script.baseline) {
    const ok = script.baseline === 'green';
    const gates = plan.config.qualityGates.map((g) => ({
      name: g.name,
      command: [...g.argv],
      ok,
      exitCode: ok ? 0 : 1,
      timedOut: false,
    }));
    push(newEvent('gate.baseline_recorded', { headRef: HEAD, gates, green: ok }));
  }

  const runEffect = (effect: Effect) => {
    switch (effect.kind) {
      case 'ask': {
        const answer = script.answers?.[effect.id.replace(/^d-\d+-/, '')] ?? effect.default;
        push(
          newEvent('decision.made', {
            id: effect.id,
            answer,
            by: script.answers ? 'user' : 'policy',
          }),
        );
        return;
      }
      case 'inspect': {
        const since = effect.base ? { sinceBase: [...sinceSnapshot].sort() } : {};
        const changedFiles = [...changed].sort();
        push(newEvent('wave.inspected', { wave: effect.wave, changedFiles, ...since }));
        return;
      }
      case 'git-snapshot': {
        sinceSnapshot.clear();
        const saved = changed.size > 0;
        push(
          newEvent('git.snapshot', {
            wave: effect.wave,
            label: effect.label,
            head: HEAD,
            ref: saved ? `refs/wave/${script.session}/${effect.label}` : null,
            sha: saved ? fakeSha(effect.wave) : null,
          }),
        );
        return;
      }
      case 'revert-files': {
        const groups = effect.groups.map((g) => {
          for (const f of g.files) {
            changed.delete(f);
            sinceSnapshot.delete(f);
          }
          return { agentId: g.agentId, cause: g.cause, restored: [...g.files], removed: [] };
        });
        push(newEvent('wave.reverted', { wave: effect.wave, base: effect.base, groups }));
        return;
      }
      case 'git-auto-commit': {
        const files = [...sinceSnapshot].sort();
        const sha = files.length > 0 ? fakeSha(100 + effect.wave) : null;
        push(newEvent('git.auto_committed', { wave: effect.wave, sha, files }));
        return;
      }
      case 'worktree-create':
        for (const agentId of effect.agentIds) {
          push(
            newEvent('worktree.created', {
              wave: effect.wave,
              agentId,
              path: `/repo/.orchestrator/worktrees/${script.session}/${agentId}`,
              branch: `wave/${script.session}/${agentId}`,
              base: effect.base,
              reused: false,
            }),
          );
        }
        return;
      case 'worktree-merge': {
        for (const agentId of effect.agentIds) {
          const branch = `wave/${script.session}/${agentId}`;
          const files = [...(agentFiles.get(agentId) ?? [])];
          const conflict = script.conflicts?.includes(agentId) === true;
          if (conflict) for (const f of files) sinceSnapshot.delete(f);
          const data = { wave: effect.wave, agentId, branch, commit: fakeSha(200), files };
          push(newEvent(conflict ? 'worktree.conflicted' : 'worktree.merged', data));
        }
        for (const agentId of effect.agentIds) {
          const path = `/repo/.orchestrator/worktrees/${script.session}/${agentId}`;
          const branchDeleted = !script.conflicts?.includes(agentId);
          push(
            newEvent('worktree.removed', {
              wave: effect.wave,
              agentId,
              path,
              savedRef: null,
              branchDeleted,
            }),
          );
        }
        return;
      }
      case 'worktree-cleanup':
        throw new Error('simulate: worktree-cleanup is not simulated');
      case 'run-gate': {
        const n = (gateAttempts[effect.wave] = (gateAttempts[effect.wave] ?? 0) + 1);
        const results = script.gates?.[effect.wave] ?? ['pass'];
        const r = results[Math.min(n, results.length) - 1];
        if (r === 'fail')
          push(
            newEvent('gate.failed', {
              wave: effect.wave,
              attempt: effect.attempt,
              gate: 'test',
              command: ['npm', 'test'],
              exitCode: 1,
              output: '1 failed',
              timedOut: false,
            }),
          );
        else
          push(
            newEvent('gate.passed', {
              wave: effect.wave,
              attempt: effect.attempt,
              counts: { passed: 12, failed: 0, total: 12 },
              platform: 'linux',
            }),
          );
        return;
      }
      case 'run-agent':
        runAgent(effect);
        return;
      case 'file-issue':
        // No tracker in a simulation: the filing fails, as the real actor reports it.
        push(
          newEvent('carryover.issue_filed', {
            wave: effect.wave,
            taskId: effect.taskId,
            ...(effect.agentId !== undefined ? { agentId: effect.agentId } : {}),
            kind: effect.issueKind,
            tracker: null,
            outcome: 'failed',
            taskHash: 'simulate',
            error: 'no issue tracker configured',
          }),
        );
        return;
      case 'supervise-agent':
        return; // the simulated agents end on their own script
    }
  };

  const runAgent = (effect: Extract<Effect, { kind: 'run-agent' }>) => {
    const n = (attemptsSeen[effect.task.id] = (attemptsSeen[effect.task.id] ?? 0) + 1);
    const list = script.agents?.[effect.task.id] ?? [{ kind: 'done' }];
    const o = list[Math.min(n, list.length) - 1] ?? { kind: 'done' };
    const agentId = effect.agentId;
    if (o.kind === 'never-starts') {
      push(
        newEvent('agent.crashed', {
          agentId,
          exitCode: null,
          signal: null,
          stderr: 'spawn ENOENT',
        }),
      );
      return;
    }
    push(newEvent('agent.started', { agentId, pid: 1000 + n, argv: ['claude', '-p'] }));
    const files =
      'files' in o && o.files ? o.files : effect.task.files.filter((f) => !f.endsWith('/'));
    const finished = (
      status: 'done' | 'partial' | 'failed' | 'spiral',
      summary: string,
      extra: { remaining?: string; files?: string[]; questions?: string[] } = {},
    ) => {
      agentFiles.set(agentId, [...(extra.files ?? [])]);
      for (const f of extra.files ?? []) {
        changed.add(f);
        sinceSnapshot.add(f);
      }
      push(
        newEvent('agent.finished', {
          agentId,
          status,
          reported: status === 'spiral' ? 'done' : status,
          summary,
          filesChanged: extra.files ?? [],
          turns: 5,
          exitCode: 0,
          openQuestions: (extra.questions ?? []).map((question) => ({ question })),
          ...(extra.remaining ? { remaining: extra.remaining } : {}),
        }),
      );
    };
    switch (o.kind) {
      case 'done':
        for (let i = 0; i < (o.tools ?? 1); i++)
          push(
            newEvent('agent.tool_called', {
              agentId,
              tool: 'Edit',
              input: { file_path: files[0] ?? 'README.md' },
            }),
          );
        push(
          newEvent('agent.usage', {
            agentId,
            inputTokens: 1000,
            outputTokens: 200,
            costUsd: 0.01,
            turns: 5,
          }),
        );
        finished('done', o.summary ?? `did ${effect.task.id}`, {
          files,
          ...(o.questions ? { questions: o.questions } : {}),
        });
        return;
      case 'partial':
        finished('partial', `half of ${effect.task.id}`, { remaining: o.remaining, files });
        return;
      case 'failed':
        push(newEvent('agent.tool_failed', { agentId, tool: 'Edit', error: o.error }));
        finished('failed', o.error);
        return;
      case 'spiral':
        for (let i = 0; i < 3; i++)
          push(
            newEvent('agent.tool_called', { agentId, tool: 'Edit', input: { file_path: o.file } }),
          );
        push(
          newEvent('stagnation.detected', {
            wave: effect.wave,
            agentId,
            agent: 'code-implementer',
            pattern: 'edit-spiral',
            file: o.file,
            occurrences: 3,
          }),
        );
        finished('spiral', `edited ${o.file} 3 times`, { files: [o.file] });
        return;
      case 'crash':
        push(
          newEvent('agent.crashed', { agentId, exitCode: 1, signal: null, stderr: 'Error: boom' }),
        );
        return;
      case 'timeout':
        push(newEvent('agent.timed_out', { agentId, timeoutMs: 60000 }));
        return;
    }
  };

  for (;;) {
    while (queue.length > 0) {
      if (script.stopAfter !== undefined && log.length >= script.stopAfter) return log;
      const e = stamp(queue.shift() as NewEvent);
      log.push(e);
      // The post-wave heartbeat is logged before anything the completion leads to.
      if (e.type === 'wave.completed') push(newEvent('heartbeat.recorded', { wave: e.data.wave }));
      for (const intent of coordinator.apply(e)) {
        if (intent.kind === 'append') queue.push(intent.event);
        else effects.push(intent.effect);
      }
    }
    const next = effects.shift();
    if (!next) break;
    runEffect(next);
  }
  return log;
}
