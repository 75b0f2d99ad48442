/**
 * Session setup: what a new session takes from the previous one. The repository's STATE.md is
 * read (the reference's Idle Reset carries its Wave History, What Not To Retry and Open
 * Questions); when it says `active` or `paused` and the log holds an unfinished session (a crash,
 * kill -9, Ctrl-C), the operator is
 * asked (through the decision asker) to resume that session or start fresh.
 */
import { newEvent, type NewEvent } from '../events.js';
import { policyAsker } from '../adapters/decision-asker.js';
import type { EventStore } from '../ports.js';
import type { AskEffect } from '../machines/intents.js';
import { readPreviousState, type PreviousState } from './previous-state.js';
import { findResumableSession } from './resume.js';
import type { WaveExecutorOptions } from './executor.types.js';

/** The outcome of the setup question. */
export interface PreviousSessionChoice {
  /** The previous STATE.md, when there is one. */
  previous: PreviousState | null;
  /** The stream to resume instead of starting (the operator chose `resume`). */
  resume?: string;
  /** The interrupted session left behind for this fresh one. */
  interrupted?: { session: string; answer: 'fresh'; by: 'user' | 'policy' };
}

/** The decision id of the resume-or-fresh question. */
const RESUME_OR_FRESH_ID = 'd-0-resume-or-fresh';

/** Reads the previous STATE.md and, for an interrupted session, asks resume or fresh. */
export async function resumeOrFresh(
  options: WaveExecutorOptions,
  store: EventStore,
): Promise<PreviousSessionChoice> {
  const previous = await readPreviousState(options.repo, options.platform ?? 'claude');
  if (previous?.status !== 'active' && previous?.status !== 'paused') return { previous };
  const stream = await findResumableSession(store);
  if (stream === null) return { previous };
  const question: AskEffect = {
    kind: 'ask',
    key: RESUME_OR_FRESH_ID,
    id: RESUME_OR_FRESH_ID,
    prompt: `The previous session${previous.session ? ` (${previous.session})` : ''} was interrupted (STATE.md says ${previous.status}). Resume it, or start this plan fresh (it stays resumable with \`wave resume\`)?`,
    options: ['fresh', 'resume'],
    default: 'fresh',
  };
  const signal = options.signal ?? new AbortController().signal;
  const answer = await (options.ask ?? policyAsker)(question, signal);
  if (answer.answer === 'resume') return { previous, resume: stream };
  return { previous, interrupted: { session: stream, answer: 'fresh', by: answer.by } };
}

/** The `state.carried_over` event of a new session. */
export function carryOverEvent(
  previous: PreviousState,
  interrupted?: PreviousSessionChoice['interrupted'],
): NewEvent {
  return newEvent('state.carried_over', {
    fromSession: previous.session,
    fromStatus: previous.status,
    previousSession: previous.waveHistory,
    whatNotToRetry: previous.whatNotToRetry,
    openQuestions: previous.openQuestions,
    ...(interrupted ? { interrupted } : {}),
  });
}
