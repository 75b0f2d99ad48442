/**
 * Places the states of a {@link ChartModel} for drawing: each compound state lays its children out
 * in columns by breadth-first distance from its initial child (following the edges between them),
 * stacked within a column; a column too tall for the page's chart strip is split into several side
 * by side, so a chart with many states grows wide rather than tall (the page gives each chart a
 * width in proportion to its own, so all are drawn at one scale). Pure and generic: sizes come
 * from the labels, nothing from state names.
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
const LEAF_H = 28;
const PAD = 12;
const HEADER = 20;
const COL_GAP = 40;
const ROW_GAP = 14;
/** The height a chart should keep within (the page's chart strip), at scale 1. */
const TARGET_H = 340;
/** Tried limits: a column taller than `colH` is split, columns wrap into a new row past `rowW`. */
const COL_HS = [130, 180, 240, 300] as const;
const ROW_WS = [260, 360, 460, 560, 700, 850, 1000, 1200, Infinity] as const;

/** The limits of one layout attempt. */
interface Limits {
  colH: number;
  rowW: number;
}

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

/** Splits each column whose stacked height passes `maxH` into several. */
function splitTall(
  cols: readonly string[][],
  sizes: ReadonlyMap<string, { w: number; h: number }>,
  maxH: number,
): string[][] {
  const out: string[][] = [];
  for (const col of cols) {
    let cur: string[] = [];
    let h = 0;
    for (const p of col) {
      const ph = sizes.get(p)?.h ?? 0;
      if (cur.length > 0 && h + ROW_GAP + ph > maxH) {
        out.push(cur);
        cur = [];
        h = 0;
      }
      h += (cur.length > 0 ? ROW_GAP : 0) + ph;
      cur.push(p);
    }
    if (cur.length > 0) out.push(cur);
  }
  return out;
}

function place(
  state: ChartState,
  edges: readonly ChartEdge[],
  boxes: Record<string, Box>,
  limits: Limits,
): { w: number; h: number } {
  const labelW = state.key.length * CHAR_W + 2 * PAD + (state.handlers.length > 0 ? 24 : 0);
  if (state.children.length === 0) {
    const size = { w: Math.max(64, labelW), h: LEAF_H };
    boxes[state.path] = { x: 0, y: 0, ...size };
    return size;
  }
  const byPath = new Map(state.children.map((c) => [c.path, c]));
  const sizes = new Map<string, { w: number; h: number }>();
  for (const c of state.children) sizes.set(c.path, place(c, edges, boxes, limits));
  const cols = splitTall(columns(state, edges), sizes, limits.colH);
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
    if (row.length > 0 && rowW + w > limits.rowW) {
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

/**
 * Lays a chart out; the root box spans the whole drawing. Of the layouts the tried limits give,
 * the narrowest within {@link TARGET_H} is kept (the lowest when none is): the page draws all
 * charts side by side at one scale, so the narrower each is, the larger all are drawn.
 */
export function layoutChart(chart: ChartModel): ChartLayout {
  let best: ChartLayout | null = null;
  const better = (a: ChartLayout, b: ChartLayout) => {
    const fitsA = a.height <= TARGET_H;
    const fitsB = b.height <= TARGET_H;
    if (fitsA !== fitsB) return fitsA;
    if (!fitsA) return a.height < b.height || (a.height === b.height && a.width < b.width);
    return a.width < b.width || (a.width === b.width && a.height < b.height);
  };
  for (const colH of COL_HS) {
    for (const rowW of ROW_WS) {
      const boxes: Record<string, Box> = {};
      const size = place(chart.root, chart.edges, boxes, { colH, rowW });
      const layout = { width: Math.ceil(size.w), height: Math.ceil(size.h), boxes };
      if (best === null || better(layout, best)) best = layout;
    }
  }
  return best as ChartLayout;
}
