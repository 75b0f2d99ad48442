/**
 * The agent prompt: the reference's contract (§A4, wave-executor circuit breaker) made
 * mechanical. Task, `FILE-SCOPE — exactly these:` block, acceptance, priority focus, carried-over
 * REMAINING text, fix context, the no-commit rule (PSA-007), `TURN LIMIT`, `STATUS REPORTING` and
 * the `OPEN-QUESTIONS` format. Pure.
 */
import type { Role, SessionType } from '../../domain/plan.schema.js';

/** What the prompt is built from. */
export interface AgentPromptInput {
  task: { id: string; task: string; files: readonly string[]; acceptance: string };
  role: Role;
  wave: number;
  maxTurns: number;
  session?: { type: SessionType; intent: string };
  /** The plan's priority focus (`session.focus`). */
  focus?: string;
  /** REMAINING text of a partial result carried into this wave. */
  carriedRemaining?: string;
  /** Error context of a failed attempt this task must fix. */
  fixContext?: string;
}

/** The TURN LIMIT line of the reference, verbatim. */
export function turnLimitLine(maxTurns: number): string {
  return (
    `TURN LIMIT: You have a maximum of ${maxTurns} turns. If you cannot complete within ` +
    `${maxTurns} turns, report PARTIAL with what you accomplished and what remains.`
  );
}

function statusBlock(role: Role): string[] {
  const lines = [
    'STATUS REPORTING: When you finish, end your final message with exactly one of:',
    '- STATUS: done — <1-line summary of what was accomplished>',
    '- STATUS: partial — <what was accomplished> | REMAINING: <what still needs to be done>',
    '- STATUS: failed — <what went wrong>',
  ];
  if (role === 'Quality') {
    lines.push(
      '- STATUS: no-tests-needed — <why no test is needed> (test tasks only; counts as done)',
    );
  }
  lines.push('Do NOT omit the STATUS line. The coordinator uses it to track progress.');
  return lines;
}

/** Builds the full prompt of one agent. */
export function buildAgentPrompt(input: AgentPromptInput): string {
  const { task, role } = input;
  const readOnly = role === 'Discovery';
  const out: string[] = [];
  const session = input.session
    ? ` of a ${input.session.type} session — intent: ${input.session.intent}`
    : '';
  out.push(`You are a coding agent in wave ${input.wave} (${role})${session}.`, '');
  out.push(`TASK (${task.id}): ${task.task}`, '');
  if (task.files.length > 0) {
    out.push('FILE-SCOPE — exactly these:', ...task.files.map((f) => `- ${f}`));
    out.push(
      readOnly
        ? 'Read these; do not modify any file (this is a read-only Discovery wave).'
        : 'Modify only files inside this scope; everything else is read-only.',
      '',
    );
  } else if (readOnly) {
    out.push('Read-only: do not modify any file (this is a Discovery wave).', '');
  }
  if (task.acceptance.trim() !== '') out.push(`ACCEPTANCE: ${task.acceptance}`, '');
  if (input.focus !== undefined && input.focus.trim() !== '') {
    out.push(`PRIORITY FOCUS: ${input.focus}`, '');
  }
  if (input.carriedRemaining !== undefined && input.carriedRemaining.trim() !== '') {
    out.push(
      'CARRIED OVER: an earlier agent finished part of this task. Continue from where it stopped.',
      `REMAINING: ${input.carriedRemaining}`,
      '',
    );
  }
  if (input.fixContext !== undefined && input.fixContext.trim() !== '') {
    out.push(
      'FIX TASK: an earlier attempt at this task failed. Error context:',
      input.fixContext,
      'Your model of the files may be wrong: re-read them before editing.',
      '',
    );
  }
  out.push(
    'RULES:',
    '- Do not commit, stash or push (no `git commit`, `git stash`, `git push`): the coordinator owns git.',
    '- Do not ask questions in prose; use OPEN-QUESTIONS lines.',
    '',
    turnLimitLine(input.maxTurns),
    '',
    ...statusBlock(role),
    '',
    'OPEN-QUESTIONS: if a decision needs the user, add one line per question before the STATUS line:',
    'OPEN-QUESTIONS: <question> | context: <why it matters> | candidates: <A / B>',
  );
  return `${out.join('\n')}\n`;
}
