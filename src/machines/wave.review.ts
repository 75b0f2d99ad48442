/**
 * The review of a wave once its on-disk change set is known: edit persistence (D4), the reviewed
 * status and note of each task's latest run, the wave's verified files and the agents' open
 * questions. One pure function serves the fold (the wave's files) and the decision (the events).
 */
import { newEvent, type EventOf } from '../events.js';
import type { AgentOutcome } from '../domain/status.js';
import type { Intent } from './intents.js';
import { deviation } from './wave.decide.js';
import {
  describeTask,
  latestPerTask,
  reportOf,
  reviewedStatus,
  reviewNote,
  type WaveTask,
} from './wave.logic.js';
import type { WaveContext } from './wave.context.js';

/** The review of a wave: its verified files and what it proposes. */
export interface WaveReview {
  files: string[];
  intents: Intent[];
}

/** An agent's files: what it reported, then (isolated) what else its merge-back wrote. */
function ownFiles(reported: readonly string[], merged: readonly string[] | undefined): string[] {
  if (!merged) return [...reported];
  return [...reported, ...merged.filter((f) => !reported.includes(f))];
}

/** Reviews every task's latest run against the change set of `wave.inspected`. */
export function reviewWave(ctx: Readonly<WaveContext>, e: EventOf<'wave.inspected'>): WaveReview {
  const onDisk = new Set(e.data.changedFiles);
  const reverted = new Set(ctx.revertedFiles);
  const known = new Set(ctx.knownChanged);
  const deviations: Intent[] = [];
  const questions: Intent[] = [];
  const files = new Set<string>(e.data.changedFiles.filter((f) => !known.has(f)));
  const latest = latestPerTask(ctx.tasks, ctx.agents);
  const agents = latest.map((r) => {
    const report = reportOf(r);
    const task = ctx.tasks.find((t) => t.task.id === r.taskId) as WaveTask;
    let status: AgentOutcome = reviewedStatus(r);
    let remaining = report.remaining;
    const conflict = ctx.conflicts[r.agentId];
    if (conflict && (status === 'done' || status === 'partial')) {
      // Its work is kept on its branch: the task goes again, on the current tree.
      status = 'partial';
      remaining = `its changes to ${conflict.files.join(', ')} conflicted with the wave's other work at merge-back (kept on branch ${conflict.branch}); redo them on the current tree`;
    }
    const absent =
      !conflict && (status === 'done' || status === 'partial')
        ? report.filesChanged.filter((f) => !onDisk.has(f) && !reverted.has(f))
        : [];
    for (const f of report.filesChanged) if (onDisk.has(f)) files.add(f);
    for (const f of ctx.merged[r.agentId] ?? []) if (onDisk.has(f)) files.add(f);
    if (absent.length > 0) {
      deviations.push(
        deviation({
          wave: ctx.wave,
          kind: 'D4',
          code: 'edit-not-persisted',
          params: { agent: describeTask(task.task), status, files: absent },
        }),
      );
      status = 'partial';
      remaining = `declared edits to ${absent.join(', ')} are not on disk; redo them`;
    }
    for (const q of report.openQuestions) {
      questions.push({
        kind: 'append',
        event: newEvent('question.asked', {
          question: q.context ? `${q.question} (context: ${q.context})` : q.question,
          source: `W${ctx.wave}/${describeTask(task.task)}`,
          prio: 'medium',
        }),
      });
    }
    return {
      agentId: r.agentId,
      taskId: r.taskId,
      description: describeTask(task.task),
      status,
      filesChanged: ownFiles(report.filesChanged, ctx.merged[r.agentId]).filter((f) =>
        onDisk.has(f),
      ),
      note: reviewNote(report.summary, status, remaining),
      ...(status === 'partial' && remaining ? { remaining } : {}),
      ...(report.verdicts.length > 0 ? { loops: report.verdicts.map((v) => v.pattern) } : {}),
    };
  });
  const waveFiles = [...files].sort();
  return {
    files: waveFiles,
    intents: [
      {
        kind: 'append',
        event: newEvent('wave.reviewed', { wave: ctx.wave, agents, filesChanged: waveFiles }),
      },
      ...deviations,
      ...questions,
    ],
  };
}
