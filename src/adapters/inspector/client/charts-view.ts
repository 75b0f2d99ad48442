/// <reference lib="dom" />
/**
 * Page script: draws each statechart as SVG from its generic model and layout (sent by the
 * server), then marks the active states (with instance counts), the focused instance and the
 * transitions just taken as of the selected event.
 */
import type { InspectorChart } from '../machine-charts.js';
import type { StateReply } from '../state-reply.js';

/** Draws the charts once (their shape never changes while the page is open). */
export function drawCharts(host: HTMLElement, charts: InspectorChart[]): void {
  const NS = 'http://www.w3.org/2000/svg';
  host.textContent = '';
  // Each chart gets a width in proportion to its own: all are drawn at one scale.
  host.style.gridTemplateColumns = charts
    .map((c) => `minmax(0, ${Math.max(1, c.layout.width + 20)}fr)`)
    .join(' ');
  for (const chart of charts) {
    const fig = document.createElement('figure');
    fig.className = 'chart';
    fig.dataset.chart = chart.name;
    const cap = document.createElement('figcaption');
    cap.innerHTML = `<b>${chart.name}</b> <span class="chart-note"></span>`;
    fig.appendChild(cap);
    const { width, height, boxes } = chart.layout;
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', `-10 -6 ${width + 20} ${height + 16}`);
    svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
    svg.innerHTML = `<defs><marker id="arrow-${chart.name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="context-stroke"/></marker></defs>`;
    const gStates = document.createElementNS(NS, 'g');
    const gEdges = document.createElementNS(NS, 'g');
    const walk = (s: InspectorChart['root'], depth: number) => {
      const b = boxes[s.path];
      if (!b) return;
      const g = document.createElementNS(NS, 'g');
      g.setAttribute(
        'class',
        `state ${s.children.length > 0 ? 'compound' : 'leaf'} ${s.type}${s.terminal ? ' terminal' : ''}`,
      );
      g.dataset.state = s.path;
      const title = s.handlers.length > 0 ? `\nalso handles: ${s.handlers.join(', ')}` : '';
      const label = s.path === '' ? chart.name : s.key;
      const compound = s.children.length > 0;
      g.innerHTML =
        `<title>${label}${title}</title>` +
        `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${compound ? 10 : 8}"/>` +
        (s.terminal
          ? `<rect class="inner" x="${b.x + 3}" y="${b.y + 3}" width="${b.w - 6}" height="${b.h - 6}" rx="6"/>`
          : '') +
        `<text x="${compound ? b.x + 10 : b.x + b.w / 2}" y="${compound ? b.y + 16 : b.y + b.h / 2 + 4}" text-anchor="${compound ? 'start' : 'middle'}">${label}</text>` +
        (s.handlers.length > 0 && !compound
          ? `<text class="handlers" x="${b.x + b.w - 6}" y="${b.y + 11}" text-anchor="end">⟲${s.handlers.length}</text>`
          : '') +
        `<text class="count" x="${b.x + b.w - 4}" y="${b.y + b.h + 12}" text-anchor="end"></text>` +
        (s.initial && depth > 0
          ? `<circle class="initial" cx="${b.x - 7}" cy="${b.y + b.h / 2}" r="3.5"/>`
          : '');
      gStates.appendChild(g);
      for (const c of s.children) walk(c, depth + 1);
    };
    walk(chart.root, 0);
    const leaves: [string, (typeof boxes)[string]][] = [];
    const collect = (s: InspectorChart['root']) => {
      const b = boxes[s.path];
      if (s.children.length === 0 && b) leaves.push([s.path, b]);
      for (const c of s.children) collect(c);
    };
    collect(chart.root);
    const pairCount = new Map<string, number>();
    const showLabels =
      chart.edges.length <= 8 &&
      new Set(chart.edges.map((e) => e.event)).size === chart.edges.length;
    // Edges between the same states on the same event differ only by their guards: one arrow.
    const merged = new Map<
      string,
      { e: InspectorChart['edges'][number]; ids: string[]; guards: string[] }
    >();
    for (const e of chart.edges) {
      const m = merged.get(`${e.source}|${e.target}|${e.event}`);
      const guard = e.guard ?? 'otherwise';
      if (m) {
        m.ids.push(e.id);
        m.guards.push(guard);
      } else merged.set(`${e.source}|${e.target}|${e.event}`, { e, ids: [e.id], guards: [guard] });
    }
    for (const { e, ids, guards } of merged.values()) {
      const a = boxes[e.source];
      const t = boxes[e.target];
      if (!a || !t) continue;
      const key = [e.source, e.target].sort().join('|');
      const k = pairCount.get(key) ?? 0;
      pairCount.set(key, k + 1);
      const g = document.createElementNS(NS, 'g');
      g.setAttribute('class', `edge${showLabels ? ' labelled' : ''}`);
      g.dataset.edge = ids.join(' ');
      g.dataset.event = e.event;
      const label =
        ids.length > 1
          ? `${e.event} [${guards.join(' | ')}]`
          : `${e.event}${e.guard ? ` [${e.guard}]` : ''}`;
      const own = (p: string) =>
        p === e.source ||
        p === e.target ||
        p.startsWith(`${e.source}.`) ||
        p.startsWith(`${e.target}.`);
      const { d, lx, ly } = edgePath(
        a,
        t,
        k,
        e.source === '' ||
          (t.x >= a.x && t.y >= a.y && t.x + t.w <= a.x + a.w && t.y + t.h <= a.y + a.h),
        leaves.filter(([p]) => !own(p)).map(([, box]) => box),
      );
      g.innerHTML = `<title>${e.source || chart.name} → ${e.target}: ${label}</title><path d="${d}" marker-end="url(#arrow-${chart.name})"/><text x="${lx}" y="${ly}" text-anchor="middle">${label}</text>`;
      gEdges.appendChild(g);
    }
    svg.appendChild(gStates);
    svg.appendChild(gEdges);
    fig.appendChild(svg);
    host.appendChild(fig);
  }
}

/**
 * The path of an edge between two boxes (a stub when the source encloses the target): a curve
 * bent to one side (the k-th edge between the same pair further out), bent more or to the other
 * side when it would cross one of `around` (the other states' boxes).
 */
export function edgePath(
  a: { x: number; y: number; w: number; h: number },
  b: { x: number; y: number; w: number; h: number },
  k: number,
  enclosing: boolean,
  around: readonly { x: number; y: number; w: number; h: number }[] = [],
): { d: string; lx: number; ly: number } {
  if (enclosing) {
    const x = b.x + b.w / 2;
    return { d: `M${x},${b.y - 26} L${x},${b.y - 1}`, lx: x, ly: b.y - 30 };
  }
  const ax = a.x + a.w / 2;
  const ay = a.y + a.h / 2;
  const bx = b.x + b.w / 2;
  const by = b.y + b.h / 2;
  if (a === b || (ax === bx && ay === by)) {
    return {
      d: `M${a.x + a.w * 0.3},${a.y} C${a.x},${a.y - 30} ${a.x + a.w},${a.y - 30} ${a.x + a.w * 0.7},${a.y}`,
      lx: ax,
      ly: a.y - 24,
    };
  }
  const clip = (
    r: { x: number; y: number; w: number; h: number },
    cx: number,
    cy: number,
    dx: number,
    dy: number,
  ) => {
    const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
    const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
    const s = Math.min(sx, sy);
    return [cx + dx * s, cy + dy * s] as const;
  };
  const dx = bx - ax;
  const dy = by - ay;
  const len = Math.hypot(dx, dy) || 1;
  const base =
    (k % 2 === 0 ? 1 : -1) *
    (14 + 16 * Math.floor(k / 2)) *
    (ax < bx || (ax === bx && ay < by) ? 1 : -1);
  const control = (bend: number) =>
    [(ax + bx) / 2 - (dy / len) * bend, (ay + by) / 2 + (dx / len) * bend] as const;
  /** How many sampled points of the curve with this bend fall inside another box. */
  const crossings = (bend: number) => {
    const [cx, cy] = control(bend);
    let n = 0;
    for (let i = 2; i <= 18; i++) {
      const u = i / 20;
      const x = (1 - u) * (1 - u) * ax + 2 * (1 - u) * u * cx + u * u * bx;
      const y = (1 - u) * (1 - u) * ay + 2 * (1 - u) * u * cy + u * u * by;
      for (const r of around) {
        if (x > r.x - 2 && x < r.x + r.w + 2 && y > r.y - 2 && y < r.y + r.h + 2) n++;
      }
    }
    return n;
  };
  let bend = base;
  let least = crossings(base);
  for (const f of [-1, 2, -2, 3.5, -3.5, 5, -5]) {
    if (least === 0) break;
    const n = crossings(base * f);
    if (n < least) {
      least = n;
      bend = base * f;
    }
  }
  const [mx, my] = control(bend);
  const [sx, sy] = clip(a, ax, ay, mx - ax, my - ay);
  const [tx, ty] = clip(b, bx, by, mx - bx, my - by);
  return {
    d: `M${sx},${sy} Q${mx},${my} ${tx},${ty}`,
    lx: (sx + 2 * mx + tx) / 4,
    ly: (sy + 2 * my + ty) / 4 - 3,
  };
}

/** Marks active states, counts, the focused instance and the taken transitions. */
export function markCharts(host: HTMLElement, reply: StateReply): void {
  for (const c of reply.charts) {
    const fig = host.querySelector(`figure[data-chart="${c.name}"]`);
    if (!fig) continue;
    const note = fig.querySelector('.chart-note');
    const moves = c.taken.map((t) => `${t.instance}: ${t.from ?? '∅'} → ${t.to ?? '∅'}`);
    if (note) {
      note.textContent =
        c.focus !== null
          ? `${c.focus}${c.focusState ? ` · ${c.focusState}` : ''}${moves.length > 0 ? ` — ${moves.slice(0, 2).join('; ')}${moves.length > 2 ? ` (+${moves.length - 2})` : ''}` : ''}`
          : '';
      (note as HTMLElement).title = note.textContent;
    }
    const multi = c.name === 'mission' || c.name === 'agent';
    for (const g of Array.from(fig.querySelectorAll<SVGGElement>('g.state'))) {
      const path = g.dataset.state ?? '';
      const n = path === '' ? 0 : (c.active[path] ?? 0);
      g.classList.toggle('active', n > 0);
      g.classList.toggle(
        'focus',
        path !== '' &&
          c.focusState !== null &&
          (c.focusState === path || c.focusState.startsWith(`${path}.`)),
      );
      g.classList.toggle(
        'left',
        c.taken.some((t) => t.from === path && t.instance === c.focus),
      );
      const count = g.querySelector('text.count');
      if (count) count.textContent = multi && n > 0 ? `×${n}` : '';
    }
    const takenEdges = new Set(c.taken.flatMap((t) => t.edges));
    for (const g of Array.from(fig.querySelectorAll<SVGGElement>('g.edge'))) {
      const taken = (g.dataset.edge ?? '').split(' ').some((id) => takenEdges.has(id));
      g.classList.toggle('taken', taken);
      if (taken) g.parentNode?.appendChild(g);
    }
  }
}
