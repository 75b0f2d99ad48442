/**
 * The pure render of the STATE.md view: frontmatter in the fixtures' key order, then the body
 * sections in the reference's order with its placeholders. The output is a byte-fixpoint of the
 * frontmatter codec (`serializeStateMd(parseStateMd(text)) === text`).
 */
import { serializeScalar } from '../../formats/frontmatter.codec.js';
import { formatBanner, joinBody, renderSection } from './state-md.sections.js';
import type { StateMdView } from './state-md.view.js';

function agents(n: number): string {
  return `${n} ${n === 1 ? 'agent' : 'agents'}`;
}

/**
 * The `## Current Wave` banner: `Wave 0 — Initializing` before the first wave; the running wave
 * `Wave N — <Role> (<k> agents)`; between waves the next planned one `Wave N — <Role> (<k> agents,
 * next)`; `Wave N — All waves complete` after the last; `Wave N — Session complete (<outcome>)`,
 * `Wave N — Paused: <reason>` and `Wave N — Session aborted (<cause>): <reason>` for the session's
 * end states.
 */
function currentWaveBanner(view: StateMdView): string {
  const cw = view.currentWave;
  const running = view.running;
  if (view.status === 'completed') {
    return formatBanner(cw, `Session complete (${view.outcome ?? 'success'})`);
  }
  const halt = view.halt;
  if (halt !== null) {
    const wave = running?.wave ?? cw;
    return halt.kind === 'paused'
      ? formatBanner(wave, `Paused: ${halt.reason}`)
      : formatBanner(wave, `Session aborted (${halt.cause}): ${halt.reason}`);
  }
  if (running !== null)
    return formatBanner(running.wave, `${running.role} (${agents(running.agents)})`);
  if (!view.wavesBegun) return formatBanner(0, 'Initializing');
  const next = view.plan.find((w) => w.wave > cw);
  if (next === undefined) return formatBanner(cw, 'All waves complete');
  return formatBanner(next.wave, `${next.role} (${agents(next.tasks)}, next)`);
}

function frontmatter(view: StateMdView): string {
  const s = view.session;
  if (s === null) return '';
  let fm =
    `schema-version: 1\nsession-type: ${serializeScalar(s.sessionType)}` +
    `\nbranch: ${serializeScalar(s.branch)}\nissues: ${serializeScalar([...s.issues])}` +
    `\nstarted_at: ${serializeScalar(s.startedAt)}\nstatus: ${view.status}` +
    `\ncurrent-wave: ${view.currentWave}\ntotal-waves: ${view.plan.length}` +
    `\nsession: ${serializeScalar(s.semanticId)}`;
  if (s.headRef !== null) fm += `\nsession-start-ref: ${serializeScalar(s.headRef)}`;
  const docs = view.docsTasksEntry();
  if (docs !== '') fm += `\n${docs}`;
  const missions = view.missions.frontmatterItems();
  if (missions !== '') fm += `\nmission-status:\n${missions}`;
  const b = view.baseline;
  if (b !== null) {
    fm +=
      `\nscope-baseline-intent: ${serializeScalar(b.intent)}` +
      `\nscope-baseline-owner-boundary: ${serializeScalar(b.ownerBoundary)}` +
      `\nscope-baseline-planned-files: ${b.plannedFiles}` +
      `\nscope-baseline-session: ${serializeScalar(s.semanticId)}` +
      `\nscope-baseline-frozen-at: ${serializeScalar(b.frozenAt)}`;
  }
  if (view.updated !== null) fm += `\nupdated: ${serializeScalar(view.updated)}`;
  return fm;
}

/**
 * The body: Current Wave, Wave History, Deviations, then the sections that have entries (Previous
 * Session last: the previous session's Wave History, as the reference's Idle Reset moves it).
 */
function renderBody(view: StateMdView): string {
  const sections = [
    renderSection('Current Wave', currentWaveBanner(view)),
    renderSection('Wave History', view.waveHistory()),
    renderSection('Deviations', view.deviations()),
  ];
  const missions = view.missions.bodyLines();
  if (missions !== '') sections.push(renderSection('Mission Status', missions));
  const questions = view.openQuestions();
  if (questions !== '') sections.push(renderSection('Open Questions', questions));
  const wntr = view.whatNotToRetry();
  if (wntr !== '') sections.push(renderSection('What Not To Retry', wntr));
  const previous = view.previousSession();
  if (previous !== '') sections.push(renderSection('Previous Session', previous));
  return joinBody(sections);
}

/** The whole STATE.md text, or null before `session.started` (no file yet). */
export function renderStateMd(view: StateMdView): string | null {
  if (view.session === null) return null;
  return `---\n${frontmatter(view)}\n---\n\n${renderBody(view)}`;
}
