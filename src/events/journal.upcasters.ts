/**
 * Upcasters of the journal events from prose (version 1) to facts (version 2). A v1 deviation
 * or What Not To Retry entry carried the sentence itself; each known template is parsed back into
 * its code and parameters, and kept only if rendering them with the version-1 wording (frozen in
 * `journal.v1-wording.ts`, whatever the current wording becomes) gives the very same sentence. A
 * sentence no template explains stays as `text`.
 */
import type { DeviationFacts, NextWave, WhatNotToRetryFacts } from '../domain/wording.js';
import { v1DeviationText, v1WhatNotToRetryText } from './journal.v1-wording.js';

type V1Deviation = { wave: number | null; kind: string; message: string };
type Parser = (m: RegExpMatchArray) => Omit<DeviationFacts, 'wave'> | null;

function nextOf(text: string): NextWave | null | undefined {
  if (text === 'the next session (no waves left)') return null;
  const m = /^wave (\d+) \((.+)\)$/.exec(text);
  return m ? { wave: Number(m[1]), role: m[2] as string } : undefined;
}

const withNext = (
  text: string,
  build: (next: NextWave | null) => Omit<DeviationFacts, 'wave'>,
): Omit<DeviationFacts, 'wave'> | null => {
  const next = nextOf(text);
  return next === undefined ? null : build(next);
};

const PARSERS: ReadonlyArray<readonly [RegExp, Parser]> = [
  [
    /^Wave \d+: dispatch verification found \d+ of (\d+) agents never started after one re-dispatch \((.*)\); carried over\.$/,
    (m) => ({
      code: 'dispatch-missing',
      params: { planned: Number(m[1]), missing: (m[2] as string).split(', ') },
    }),
  ],
  [
    /^Wave \d+ edit-persistence violation: agent "(.*)" reported (\S+) but declared file\(s\) (.*) are absent from the on-disk change set\. Result treated as unverified — re-dispatched\.$/,
    (m) => ({
      code: 'edit-not-persisted',
      params: {
        agent: m[1] as string,
        status: m[2] as string,
        files: (m[3] as string).split(', '),
      },
    }),
  ],
  [
    /^Wave \d+ auto-fix succeeded after (\d+) attempts \(max-retries config: (\d+)\)\. Failed gate\(s\): (.*)\. Final pass on attempt \d+\.$/,
    (m) => ({
      code: 'autofix-succeeded',
      params: { attempts: Number(m[1]), maxRetries: Number(m[2]), gate: m[3] as string },
    }),
  ],
  [
    /^Wave \d+ auto-fix exhausted retries after (\d+) attempts \(max-retries config: (\d+)\)\. Failed gate: (.*)\. Diagnostics bundle: (.*)\. Coordinator to review bundle and decide: fix the failure by hand, then start a new session\.$/,
    (m) => ({
      code: 'autofix-exhausted',
      params: {
        attempts: Number(m[1]),
        maxRetries: Number(m[2]),
        gate: m[3] as string,
        bundle: m[4] as string,
      },
    }),
  ],
  [
    /^Wave \d+: task (.+) ended (\S+); its REMAINING work is carried into (.*)\.$/,
    (m) =>
      withNext(m[3] as string, (next) => ({
        code: 'carried-over',
        params: { taskId: m[1] as string, status: m[2] as string, next },
      })),
  ],
  [
    /^Wave \d+: task (.+) spiralled twice; escalated to the operator\.$/,
    (m) => ({ code: 'spiral-escalated', params: { taskId: m[1] as string } }),
  ],
  [
    /^Wave \d+: task (.+) spiralled; re-dispatched with a narrowed scope into (.*)\.$/,
    (m) =>
      withNext(m[2] as string, (next) => ({
        code: 'spiral-narrowed',
        params: { taskId: m[1] as string, next },
      })),
  ],
  [
    /^Wave \d+: task (.+) ended (\S+); a fix task with its error context goes into (.*)\.$/,
    (m) =>
      withNext(m[3] as string, (next) => ({
        code: 'fix-task',
        params: { taskId: m[1] as string, status: m[2] as string, next },
      })),
  ],
  [
    /^Wave \d+: task (.+) held back: its dependency (.+) is not done \(it waits with it\)\.$/,
    (m) => ({
      code: 'dependency-held',
      params: { taskId: m[1] as string, blocker: m[2] as string },
    }),
  ],
  [
    /^Wave \d+: isolation resolved to worktree \((.*)\); worktrees are not supported yet, so the (\d+) agents share the working tree with strict scope enforcement\.$/,
    (m) => ({
      code: 'worktree-fallback',
      params: { reason: m[1] as string, agents: Number(m[2]) },
    }),
  ],
];

/** `deviation.recorded` v1 (a sentence) → v2 (a code and its parameters). */
export function upcastDeviationV1(data: unknown): unknown {
  const d = data as V1Deviation;
  const base = { wave: d.wave, kind: d.kind };
  for (const [re, parse] of PARSERS) {
    const m = re.exec(d.message);
    if (!m) continue;
    const facts = parse(m);
    if (!facts) continue;
    const candidate = { ...base, ...facts } as DeviationFacts;
    if (v1DeviationText(candidate) === d.message) return candidate;
  }
  return { ...base, code: 'text', params: { text: d.message } };
}

/** `what_not_to_retry.recorded` v1 (approach and why) → v2 (the task's facts). */
export function upcastWhatNotToRetryV1(data: unknown): unknown {
  const d = data as { approach: string; why: string };
  const a = /^(.*) \(([^()]*)\)$/s.exec(d.approach);
  const w = /^(\S+) — (.*?)(?: \(evidence: ([^()]*)\))?$/s.exec(d.why);
  if (a && w) {
    const facts: WhatNotToRetryFacts = {
      taskId: a[2] as string,
      description: a[1] as string,
      status: (w[1] as string).toLowerCase(),
      note: w[2] as string,
      file: w[3] ?? null,
    };
    const back = v1WhatNotToRetryText(facts);
    if (back.approach === d.approach && back.why === d.why) return facts;
  }
  return {
    taskId: '',
    description: d.approach,
    status: '',
    note: d.why,
    file: null,
    text: { approach: d.approach, why: d.why },
  };
}
