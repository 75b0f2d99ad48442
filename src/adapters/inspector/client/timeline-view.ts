/// <reference lib="dom" />
/**
 * Page script: the timeline, drawn on a canvas: one lane per wave and per agent (plus the session
 * and the missions), one mark per event coloured by category, the selected event as a line.
 * Only the visible window of events is drawn, one mark per lane and pixel, so 100,000 events stay
 * smooth. Wheel zooms around the pointer, dragging pans, a click selects the nearest event.
 */
import type { PageState } from './client-types.js';
import { kindColor, laneSortKey } from './lanes.js';

/** Draws the timeline now. */
export function drawTimeline(canvas: HTMLCanvasElement, st: PageState): void {
  const ROW = 14;
  const LABEL = 150;
  // The visible range of events, for tests and tools.
  canvas.dataset.view = `${st.view.from.toFixed(1)}-${st.view.to.toFixed(1)}`;
  const order = st.lanes.map((name, i) => ({ name, i, key: laneSortKey(name, st) }));
  order.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const rowOf = new Int32Array(st.lanes.length);
  order.forEach((o, r) => (rowOf[o.i] = r));
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.parentElement ? canvas.parentElement.clientWidth : 800;
  const height = Math.max(ROW * 2, order.length * ROW + 4);
  if (canvas.width !== Math.floor(width * dpr) || canvas.height !== Math.floor(height * dpr)) {
    canvas.width = Math.floor(width * dpr);
    canvas.height = Math.floor(height * dpr);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const plot = width - LABEL - 8;
  const { from, to } = st.view;
  const span = Math.max(1, to - from);
  const first = Math.max(1, Math.floor(from));
  const last = Math.min(st.events.length, Math.ceil(to));
  const markW = Math.max(2, Math.min(8, plot / span - 1));
  // The marks are drawn once per view into an offscreen canvas; a new selection only moves the line.
  const key = `${from}|${to}|${width}|${height}|${dpr}|${st.events.length}|${st.lanes.length}`;
  const cached = (canvas as unknown as { marks?: { key: string; image: HTMLCanvasElement } }).marks;
  if (cached && cached.key === key) {
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(cached.image, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawCursor();
    return;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px ui-monospace, SFMono-Regular, Menlo, monospace';
  order.forEach((o, r) => {
    ctx.fillStyle = r % 2 === 0 ? '#f8fafc' : '#f1f5f9';
    ctx.fillRect(0, r * ROW, width, ROW);
    ctx.fillStyle = o.name.startsWith('wave ') ? '#0f172a' : '#475569';
    const label = o.name.startsWith('agent ') ? `  ${o.name.slice(6)}` : o.name;
    ctx.fillText(label.length > 22 ? `${label.slice(0, 21)}…` : label, 4, r * ROW + 11);
  });
  const lastPx = new Int32Array(st.lanes.length).fill(-1);
  for (let s = first; s <= last; s++) {
    const lane = st.lane[s - 1] ?? 0;
    const x = Math.floor(LABEL + ((s - from) / span) * plot);
    if (lastPx[lane] === x && markW <= 2) continue;
    lastPx[lane] = x;
    ctx.fillStyle = kindColor(st.kind[s - 1] ?? 'other');
    ctx.fillRect(x, (rowOf[lane] ?? 0) * ROW + 3, markW, ROW - 6);
  }
  const image = document.createElement('canvas');
  image.width = canvas.width;
  image.height = canvas.height;
  image.getContext('2d')?.drawImage(canvas, 0, 0);
  (canvas as unknown as { marks?: { key: string; image: HTMLCanvasElement } }).marks = {
    key,
    image,
  };
  drawCursor();
  function drawCursor(): void {
    if (!ctx || st.sel < first || st.sel > last) return;
    const x = LABEL + ((st.sel - from) / span) * plot + markW / 2;
    ctx.fillStyle = '#e11d48';
    ctx.fillRect(Math.floor(x) - 1, 0, 2, height);
  }
}

/** Wires zoom, pan and click-to-select; `redraw` repaints, `select` picks an event. */
export function wireTimeline(
  canvas: HTMLCanvasElement,
  st: PageState,
  redraw: () => void,
  select: (seq: number) => void,
): void {
  const LABEL = 150;
  const plotX = (clientX: number) => {
    const r = canvas.getBoundingClientRect();
    return Math.max(0, Math.min(1, (clientX - r.left - LABEL) / Math.max(1, r.width - LABEL - 8)));
  };
  canvas.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const n = Math.max(1, st.events.length);
      const f = plotX(ev.clientX);
      const span = st.view.to - st.view.from;
      const at = st.view.from + f * span;
      const next = Math.max(10, Math.min(n + 1, span * (ev.deltaY > 0 ? 1.25 : 0.8)));
      st.view.from = Math.max(0, at - f * next);
      st.view.to = Math.min(n + 1, st.view.from + next);
      st.follow = false;
      redraw();
    },
    { passive: false },
  );
  let drag: { x: number; from: number; to: number; moved: boolean } | null = null;
  canvas.addEventListener('mousedown', (ev) => {
    drag = { x: ev.clientX, from: st.view.from, to: st.view.to, moved: false };
  });
  window.addEventListener('mousemove', (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    const w = canvas.getBoundingClientRect().width - LABEL - 8;
    const shift = (-dx / Math.max(1, w)) * (drag.to - drag.from);
    st.view.from = drag.from + shift;
    st.view.to = drag.to + shift;
    redraw();
  });
  window.addEventListener('mouseup', (ev) => {
    if (drag && !drag.moved) {
      const f = plotX(ev.clientX);
      const seq = Math.round(st.view.from + f * (st.view.to - st.view.from));
      select(Math.max(1, Math.min(st.events.length, seq)));
    }
    drag = null;
  });
}
