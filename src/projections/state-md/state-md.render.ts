/**
 * The pure render of the STATE.md view: frontmatter in the fixtures' key order, then the body
 * sections in the reference's order with its placeholders. The output is a byte-fixpoint of the
 * frontmatter codec (`serializeStateMd(parseStateMd(text)) === text`).
 */
import { serializeScalar } from '../../formats/frontmatter.codec.js';
import { formatBanner, renderSection, sectionHeading } from './state-md.sections.js';
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

/**
 * Gathers a text as segments: literal text accumulates into one segment; a cached piece (a block
 * of tasks, a wave of the history) stays a segment of its own, the same string object while
 * nothing changed it, so the writer reuses its bytes.
 */
class SegmentBuilder {
  readonly #parts: string[] = [];
  #text = '';

  text(s: string): void {
    this.#text += s;
  }

  /** Cached pieces joined by `sep`. */
  pieces(pieces: readonly string[], sep: string): void {
    pieces.forEach((piece, i) => {
      if (i > 0) this.#text += sep;
      if (this.#text !== '') this.#parts.push(this.#text);
      this.#text = '';
      this.#parts.push(piece);
    });
  }

  /** A `## <title>` section whose content is cached pieces (the placeholder when none). */
  section(title: string, pieces: readonly string[], sep: string): void {
    if (pieces.length === 0) this.text(renderSection(title, ''));
    else {
      this.text(sectionHeading(title));
      this.pieces(pieces, sep);
    }
  }

  done(): string[] {
    if (this.#text !== '') this.#parts.push(this.#text);
    this.#text = '';
    return this.#parts;
  }
}

function frontmatter(view: StateMdView, out: SegmentBuilder): void {
  const s = view.session;
  if (s === null) return;
  let fm =
    `schema-version: 1\nsession-type: ${serializeScalar(s.sessionType)}` +
    `\nbranch: ${serializeScalar(s.branch)}\nissues: ${serializeScalar([...s.issues])}` +
    `\nstarted_at: ${serializeScalar(s.startedAt)}\nstatus: ${view.status}` +
    `\ncurrent-wave: ${view.currentWave}\ntotal-waves: ${view.plan.length}` +
    `\nsession: ${serializeScalar(s.semanticId)}`;
  if (s.headRef !== null) fm += `\nsession-start-ref: ${serializeScalar(s.headRef)}`;
  const docs = view.docsTasksEntry();
  if (docs !== '') fm += `\n${docs}`;
  out.text(fm);
  const missions = view.missions.frontmatterBlocks();
  if (missions.length > 0) {
    out.text('\nmission-status:\n');
    out.pieces(missions, '\n');
  }
  const b = view.baseline;
  if (b !== null) {
    out.text(
      `\nscope-baseline-intent: ${serializeScalar(b.intent)}` +
        `\nscope-baseline-owner-boundary: ${serializeScalar(b.ownerBoundary)}` +
        `\nscope-baseline-planned-files: ${b.plannedFiles}` +
        `\nscope-baseline-session: ${serializeScalar(s.semanticId)}` +
        `\nscope-baseline-frozen-at: ${serializeScalar(b.frozenAt)}`,
    );
  }
  if (view.updated !== null) out.text(`\nupdated: ${serializeScalar(view.updated)}`);
}

/**
 * The body: Current Wave, Wave History, Deviations, then the sections that have entries (Previous
 * Session last: the previous session's Wave History, as the reference's Idle Reset moves it),
 * one blank line between sections and one final newline.
 */
function renderBody(view: StateMdView, out: SegmentBuilder): void {
  out.text(renderSection('Current Wave', currentWaveBanner(view)));
  out.text('\n\n');
  out.section('Wave History', view.waveHistoryParts(), '\n\n');
  out.text('\n\n');
  out.section('Deviations', view.deviationBlocks(), '\n');
  const missions = view.missions.bodyBlocks();
  if (missions.length > 0) {
    out.text('\n\n');
    out.section('Mission Status', missions, '\n');
  }
  const tail = [
    ['Open Questions', view.openQuestions()],
    ['What Not To Retry', view.whatNotToRetry()],
    ['Previous Session', view.previousSession()],
  ] as const;
  for (const [title, content] of tail) {
    if (content !== '') out.text(`\n\n${renderSection(title, content)}`);
  }
  out.text('\n');
}

/**
 * The whole STATE.md as segments whose concatenation is the file, or null before
 * `session.started`. Unchanged task blocks and waves are the string objects of the previous render.
 */
export function renderStateMdSegments(view: StateMdView): string[] | null {
  if (view.session === null) return null;
  const out = new SegmentBuilder();
  out.text('---\n');
  frontmatter(view, out);
  out.text('\n---\n\n');
  renderBody(view, out);
  return out.done();
}

/** Concatenates segments (a rope: no copy until the text is read). */
export function concatSegments(segments: readonly string[]): string {
  let text = '';
  for (const s of segments) text += s;
  return text;
}
