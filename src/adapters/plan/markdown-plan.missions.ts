/**
 * The mission ids of a markdown session plan: read from its `### Wave-Plan Mission Status
 * (machine-readable)` YAML block and matched to the agents of each wave in order, or, without
 * that block, numbered `m-1`, `m-2`, … in plan order.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../../errors.js';
import { type KeyPath, type Locator, type Position, yamlLocator } from './source-positions.js';

type Obj = Record<string, unknown>;

/** A wave being read: its heading number and line, its fields and its tasks. */
export interface WaveDraft {
  number: number;
  line: number;
  wave: Obj;
  tasks: Obj[];
}

/** One entry of the Mission Status block. */
export interface Mission {
  id: unknown;
  wave: unknown;
  pos: Position | undefined;
}

/** Reads the Mission Status block (its YAML text starts on line `firstLine` of `file`). */
export function readMissions(
  text: string,
  firstLine: number,
  file: string,
  issues: Issue[],
): Mission[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false });
  for (const error of doc.errors) {
    const { line, col } = lc.linePos(error.pos[0]);
    issues.push({
      file,
      line: firstLine + line - 1,
      column: col,
      message: `invalid YAML in the Mission Status block: ${error.message.split('\n')[0] ?? ''}`,
    });
  }
  if (doc.errors.length > 0) return [];
  const locate = yamlLocator(doc, lc);
  const data = doc.toJS() as unknown;
  const list = (data as Obj | null)?.['mission-status'];
  if (!Array.isArray(list)) {
    issues.push({
      file,
      line: firstLine,
      column: 1,
      message: 'the Mission Status block has no mission-status list',
    });
    return [];
  }
  return list.map((entry: unknown, i) => {
    const pos = locate(['mission-status', i, 'id']);
    const e = (entry ?? {}) as Obj;
    return {
      id: e['id'],
      wave: e['wave'],
      pos: pos && { line: firstLine + pos.line - 1, column: pos.column },
    };
  });
}

/**
 * Gives every task its id: the block's entries for the wave (matched by the heading number, in
 * order), else `m-<n>` counting agents through the plan. A count mismatch is an issue.
 */
export function assignMissionIds(
  waves: WaveDraft[],
  missions: Mission[] | undefined,
  missionLine: number,
  file: string,
  issues: Issue[],
  locate: Locator,
  mark: (path: KeyPath, pos: Position) => void,
): void {
  let counter = 0;
  waves.forEach((draft, w) => {
    const listed = missions?.filter((ms) => ms.wave === draft.number);
    if (listed && listed.length !== draft.tasks.length) {
      issues.push({
        file,
        line: missionLine,
        column: 1,
        message: `the Mission Status block lists ${listed.length} mission(s) for wave ${draft.number}; the wave has ${draft.tasks.length} agent(s)`,
      });
    }
    draft.tasks.forEach((task, t) => {
      counter++;
      const mission = listed?.[t];
      task['id'] = mission ? mission.id : `m-${counter}`;
      const pos = mission?.pos ?? locate(['waves', w, 'tasks', t]);
      if (pos) mark(['waves', w, 'tasks', t, 'id'], pos);
    });
    draft.wave['tasks'] = draft.tasks;
  });
}
