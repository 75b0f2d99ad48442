/**
 * Places the states of a {@link ChartModel} for drawing: each compound state lays its children out
 * in columns by breadth-first distance from its initial child (following the edges between them),
 * stacked within a column. Pure and generic: sizes come from the labels, nothing from state names.
 */
import type { ChartEdge, ChartModel, ChartState } from './chart-model.js';

/** A placed box, in chart coordinates. */
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** The layout of one chart. */
export interface ChartLayout {
  width: number;
  height: number;
  boxes: Record<string, Box>;
}

const CHAR_W = 7.2;
const LEAF_H = 34;
const PAD = 14;
const HEADER = 22;
const COL_GAP = 84;
const ROW_GAP = 18;
const MAX_W = 520;

/** The sibling under `parent` that contains `path` (or is it), null when outside. */
function siblingOf(parent: string, path: string): string | null {
  const prefix = parent === '' ? '' : `${parent}.`;
  if (!path.startsWith(prefix) || path === parent) return null;
  const rest = path.slice(prefix.length).split('.')[0];
  return rest === undefined ? null : prefix + rest;
}

function columns(state: ChartState, edges: readonly ChartEdge[]): string[][] {
  const kids = state.children.map((c) => c.path);
  const next = new Map<string, Set<string>>(kids.map((k) => [k, new Set()]));
  for (const e of edges) {
    const a = siblingOf(state.path, e.source);
    const b = siblingOf(state.path, e.target);
    if (a && b && a !== b) next.get(a)?.add(b);
  }
  const depth = new Map<string, number>();
  const start = state.children.find((c) => c.initial)?.path ?? kids[0];
  const queue: string[] = start === undefined ? [] : [start];
  if (start !== undefined) depth.set(start, 0);
  while (queue.length > 0) {
    const k = queue.shift() as string;
    for (const n of next.get(k) ?? []) {
      if (depth.has(n)) continue;
      depth.set(n, (depth.get(k) ?? 0) + 1);
      queue.push(n);
    }
  }
  const maxDepth = Math.max(0, ...depth.values());
  for (const k of kids) if (!depth.has(k)) depth.set(k, maxDepth + 1);
  const cols: string[][] = [];
  for (const k of kids) (cols[depth.get(k) as number] ??= []).push(k);
  return cols.filter((c) => c && c.length > 0);
}

function place(
  state: ChartState,
  edges: readonly ChartEdge[],
  boxes: Record<string, Box>,
): { w: number; h: number } {
  const labelW = state.key.length * CHAR_W + 2 * PAD + (state.handlers.length > 0 ? 24 : 0);
  if (state.children.length === 0) {
    const size = { w: Math.max(64, labelW), h: LEAF_H };
    boxes[state.path] = { x: 0, y: 0, ...size };
    return size;
  }
  const byPath = new Map(state.children.map((c) => [c.path, c]));
  const sizes = new Map<string, { w: number; h: number }>();
  for (const c of state.children) sizes.set(c.path, place(c, edges, boxes));
  const cols = columns(state, edges);
  const colW = cols.map((col) => Math.max(...col.map((p) => sizes.get(p)?.w ?? 0)));
  const colH = cols.map(
    (col) => col.reduce((s, p) => s + (sizes.get(p)?.h ?? 0), 0) + ROW_GAP * (col.length - 1),
  );
  // Columns wrap into rows (left to right, then the next row) when a chart grows too wide.
  const rows: number[][] = [[]];
  let rowW = 0;
  cols.forEach((_, i) => {
    const w = (colW[i] ?? 0) + COL_GAP;
    const row = rows[rows.length - 1] as number[];
    if (row.length > 0 && rowW + w > MAX_W) {
      rows.push([i]);
      rowW = w;
    } else {
      row.push(i);
      rowW += w;
    }
  });
  let y0 = HEADER + PAD;
  let widest = 0;
  for (const row of rows) {
    const innerH = Math.max(...row.map((i) => colH[i] ?? 0));
    let x = PAD;
    for (const i of row) {
      let y = y0 + (innerH - (colH[i] ?? 0)) / 2;
      for (const p of cols[i] as string[]) {
        const size = sizes.get(p) as { w: number; h: number };
        shift(byPath.get(p) as ChartState, x + ((colW[i] ?? 0) - size.w) / 2, y, boxes);
        y += size.h + ROW_GAP;
      }
      x += (colW[i] ?? 0) + COL_GAP;
    }
    widest = Math.max(widest, x - COL_GAP + PAD);
    y0 += innerH + ROW_GAP * 3;
  }
  const w = Math.max(labelW, widest);
  const h = y0 - ROW_GAP * 3 + PAD;
  boxes[state.path] = { x: 0, y: 0, w, h };
  return { w, h };
}

function shift(state: ChartState, dx: number, dy: number, boxes: Record<string, Box>): void {
  const b = boxes[state.path];
  if (b) {
    b.x += dx;
    b.y += dy;
  }
  for (const c of state.children) shift(c, dx, dy, boxes);
}

/** Lays a chart out; the root box spans the whole drawing. */
export function layoutChart(chart: ChartModel): ChartLayout {
  const boxes: Record<string, Box> = {};
  const size = place(chart.root, chart.edges, boxes);
  return { width: Math.ceil(size.w), height: Math.ceil(size.h), boxes };
}
