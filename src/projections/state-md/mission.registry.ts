/**
 * The missions (plan items) of a session as STATE.md shows them twice: the frontmatter
 * `mission-status` block in plan order, and the `## Mission Status` body lines in the order of each
 * task's first status change (the reference's upsert order). Each change re-serialises one task's
 * chunks: O(1) per event, whatever the number of tasks.
 */
import { MISSION_ID_PATTERN } from '../../domain/plan.schema.js';
import { ChunkList } from './chunk-list.js';
import { serializeBlockItem, serializeScalar } from '../../formats/frontmatter.codec.js';
import { formatMissionLine } from './state-md.sections.js';

/** A plan item as the registry needs it. */
export interface PlannedMission {
  id: string;
  task: string;
  wave: number;
}

interface Row {
  id: string;
  task: string;
  wave: number;
  status: string;
  /** The serialised item up to and including `status: ` (status is the last key). */
  prefix: string;
  /** Index in the frontmatter chunks, -1 when the id is not in the plan. */
  fm: number;
  /** Index in the body chunks, -1 before its first status change. */
  body: number;
}

const STATUS_KEY = 'status: ';

/** `serializeBlockItem({id, task, wave, status: ''})` minus the serialised empty status. */
function prefixOf(id: string, task: string, wave: number): string {
  const item = serializeBlockItem({ id, task, wave, status: '' });
  return item.slice(0, item.lastIndexOf(STATUS_KEY) + STATUS_KEY.length);
}

/** Serialised status scalars: the vocabulary is tiny, so each is quoted at most once. */
const statusText = new Map<string, string>();
function serializedStatus(status: string): string {
  let text = statusText.get(status);
  if (text === undefined) {
    text = serializeScalar(status);
    if (statusText.size < 64) statusText.set(status, text);
  }
  return text;
}

function fmChunk(row: Row): string {
  return row.prefix + serializedStatus(row.status);
}

/** Mutable registry of mission rows with pre-serialised chunks. */
export class MissionRegistry {
  #rows = new Map<string, Row>();
  #frontmatter = new ChunkList();
  #body = new ChunkList();

  /** An independent copy (a replay checkpoint). */
  clone(): MissionRegistry {
    const copy = new MissionRegistry();
    copy.#rows = new Map([...this.#rows].map(([id, row]) => [id, { ...row }]));
    copy.#frontmatter = this.#frontmatter.clone();
    copy.#body = this.#body.clone();
    return copy;
  }

  /**
   * Installs (or replaces) the plan's tasks: new ids start `brainstormed`, known ids keep their
   * status; the frontmatter block follows the new plan order. Body lines are history and stay.
   */
  plan(tasks: readonly PlannedMission[]): void {
    for (const row of this.#rows.values()) row.fm = -1;
    this.#frontmatter.clear();
    for (const t of tasks) {
      let row = this.#rows.get(t.id);
      if (row === undefined) {
        const prefix = prefixOf(t.id, t.task, t.wave);
        row = {
          id: t.id,
          task: t.task,
          wave: t.wave,
          status: 'brainstormed',
          prefix,
          fm: -1,
          body: -1,
        };
        this.#rows.set(t.id, row);
      } else if (row.task !== t.task || row.wave !== t.wave) {
        row.task = t.task;
        row.wave = t.wave;
        row.prefix = prefixOf(t.id, t.task, t.wave);
      }
      if (row.fm !== -1) continue; // a duplicate id in the plan: first one wins
      row.fm = this.#frontmatter.push(fmChunk(row));
    }
  }

  /**
   * Records a status change at `ts`. An id outside the plan gets a body line only (the reference's
   * frontmatter sync is update-only); an id outside the mission grammar is ignored. Returns whether
   * anything changed.
   */
  setStatus(id: string, status: string, ts: string): boolean {
    let row = this.#rows.get(id);
    if (row === undefined) {
      if (!MISSION_ID_PATTERN.test(id)) return false;
      row = { id, task: '', wave: 0, status, prefix: '', fm: -1, body: -1 };
      this.#rows.set(id, row);
    }
    row.status = status;
    if (row.fm !== -1) this.#frontmatter.set(row.fm, fmChunk(row));
    const line = formatMissionLine(id, status, ts);
    if (row.body === -1) row.body = this.#body.push(line);
    else this.#body.set(row.body, line);
    return true;
  }

  /** Current status of a task, or undefined. */
  statusOf(id: string): string | undefined {
    return this.#rows.get(id)?.status;
  }

  /** Number of tasks in the plan's frontmatter block. */
  get planned(): number {
    return this.#frontmatter.length;
  }

  /**
   * The items of the frontmatter `mission-status` block in blocks (`\n`-joined, they give the
   * block; none when the plan has no tasks). See {@link ChunkList.blocks}.
   */
  frontmatterBlocks(): string[] {
    return this.#frontmatter.blocks();
  }

  /** The lines of `## Mission Status` in blocks (none before any status change). */
  bodyBlocks(): string[] {
    return this.#body.blocks();
  }
}
