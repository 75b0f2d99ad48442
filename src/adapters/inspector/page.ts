/** The inspector page: one HTML document and its stylesheet, served by the inspector itself. */

/** The HTML of the page (scripts and styles load from this server only). */
export function pageHtml(token: string): string {
  const t = encodeURIComponent(token);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wave inspect</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/app.css?token=${t}"></head>
<body>
<header>
  <h1>wave inspect</h1><span id="session">connecting…</span><span id="live" class="badge">loading…</span>
  <span id="forks"></span><span class="grow"></span>
  <span id="seq"></span><span id="seq-type"></span>
</header>
<div id="problem" role="alert"></div>
<section id="charts" aria-label="statecharts"></section>
<section id="time">
  <div class="bar"><b>timeline</b><span class="hint">wheel: zoom · drag: pan · click: select · ←/→: step</span><button id="fit">fit</button>
  <span class="legend"><i style="background:#3b82f6"></i>dispatch <i style="background:#94a3b8"></i>tool call <i style="background:#16a34a"></i>done / passed <i style="background:#f59e0b"></i>partial / stale base <i style="background:#dc2626"></i>failed / spiral / red gate / out of scope / over budget / conflict <i style="background:#0891b2"></i>gate <i style="background:#9333ea"></i>decision <i style="background:#ca8a04"></i>usage <i style="background:#475569"></i>session / wave</span></div>
  <div id="lanes"><canvas id="timeline"></canvas></div>
  <input id="scrubber" type="range" min="1" max="1" value="1" aria-label="event scrubber">
</section>
<main>
  <section id="list" aria-label="events"><div class="inner"></div></section>
  <section id="files"><div id="tabs"></div><div id="file"></div></section>
  <section id="detail"><h2>causation</h2><div id="causation"></div><h2>spend</h2><div id="spend"></div><h2>event</h2><div id="event"></div></section>
</main>
<footer><span id="file-name"></span></footer>
<script src="/app.js?token=${t}"></script>
</body></html>
`;
}

/** The stylesheet. */
export function pageCss(): string {
  return `
* { box-sizing: border-box; }
body { margin: 0; font: 13px/1.4 system-ui, -apple-system, Segoe UI, Roboto, sans-serif; color: #0f172a; background: #fff; display: flex; flex-direction: column; height: 100vh; }
header { display: flex; align-items: baseline; gap: 12px; padding: 8px 14px; background: #0f172a; color: #e2e8f0; }
header h1 { font-size: 15px; margin: 0; color: #fff; }
header .grow { flex: 1; }
#seq { font: 600 14px ui-monospace, monospace; color: #fff; }
#seq-type { font: 12px ui-monospace, monospace; color: #cbd5e1; }
.badge { background: #334155; border-radius: 9px; padding: 0 8px; font-size: 11px; }
#forks a { color: #93c5fd; margin-right: 8px; font-size: 12px; }
#problem:not(:empty) { background: #fef2f2; color: #991b1b; padding: 4px 14px; border-bottom: 1px solid #fecaca; }
#charts { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; padding: 8px 14px; border-bottom: 1px solid #e2e8f0; flex: 0 0 auto; align-items: start; }
figure.chart { margin: 0; min-width: 0; }
figure.chart svg { width: 100%; height: auto; max-height: 320px; display: block; }
figcaption { font-size: 12px; margin-bottom: 4px; color: #334155; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.chart-note { color: #64748b; font-family: ui-monospace, monospace; font-size: 11px; }
svg text { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; fill: #1e293b; }
g.state rect { fill: #fff; stroke: #94a3b8; stroke-width: 1.2; }
g.state.compound > rect { fill: #f8fafc; stroke: #cbd5e1; }
g.state.terminal rect.inner { fill: none; }
g.state text.handlers { font-size: 9px; fill: #64748b; }
g.state text.count { font-size: 10px; fill: #0369a1; font-weight: 600; }
g.state circle.initial { fill: #0f172a; }
g.state.leaf.active rect { fill: #dbeafe; stroke: #2563eb; stroke-width: 2; }
g.state.leaf.focus rect { fill: #fde68a; stroke: #d97706; stroke-width: 2.5; }
g.state.leaf.left rect { stroke: #d97706; stroke-dasharray: 4 3; }
g.state.compound.active > rect { fill: #eff6ff; stroke: #2563eb; stroke-width: 1.6; }
g.state.compound.focus > rect { stroke: #d97706; stroke-width: 2; }
g.edge path { fill: none; stroke: #cbd5e1; stroke-width: 1.1; }
g.edge text { font-size: 9.5px; fill: #64748b; display: none; }
g.edge.labelled text { display: inline; }
g.edge:hover path { stroke: #475569; }
g.edge:hover text { display: inline; fill: #0f172a; }
g.edge.taken path { stroke: #d97706; stroke-width: 3; }
g.edge.taken text { display: inline; fill: #b45309; font-weight: 700; font-size: 11px; paint-order: stroke; stroke: #fff; stroke-width: 3px; }
#time { border-bottom: 1px solid #e2e8f0; padding: 6px 14px; flex: 0 0 auto; }
#time .bar { display: flex; gap: 10px; align-items: center; font-size: 12px; margin-bottom: 4px; }
#time .hint { color: #64748b; }
.legend { color: #475569; font-size: 11px; margin-left: auto; }
.legend i { display: inline-block; width: 9px; height: 9px; border-radius: 2px; margin: 0 3px 0 8px; vertical-align: -1px; }
#lanes { max-height: 190px; overflow-y: auto; border: 1px solid #e2e8f0; }
#timeline { display: block; cursor: crosshair; }
#scrubber { width: 100%; margin: 6px 0 0; }
main { flex: 1 1 auto; display: grid; grid-template-columns: minmax(260px, 1fr) minmax(380px, 1.6fr) minmax(320px, 1.2fr); min-height: 260px; }
main > section { overflow: auto; border-right: 1px solid #e2e8f0; position: relative; }
#list .inner { position: relative; }
#list .row { position: absolute; left: 0; right: 0; height: 20px; padding: 1px 8px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; font: 12px ui-monospace, monospace; cursor: pointer; }
#list .row:hover { background: #f1f5f9; }
#list .row.sel { background: #fde68a; }
#list .row .n { color: #64748b; display: inline-block; min-width: 46px; }
#list .dot { display: inline-block; width: 8px; height: 8px; border-radius: 50%; margin-right: 6px; }
#tabs { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #e2e8f0; padding: 4px 8px; display: flex; gap: 6px; z-index: 1; }
#tabs button { border: 1px solid #cbd5e1; background: #f8fafc; border-radius: 4px; padding: 2px 10px; cursor: pointer; font-size: 12px; }
#tabs button.on { background: #0f172a; color: #fff; border-color: #0f172a; }
#tabs button.changed::after { content: ' ●'; color: #d97706; }
#file { overflow: auto; }
pre.file, pre.json, pre.blob-text { margin: 0; padding: 8px 12px; font: 12px/1.45 ui-monospace, SFMono-Regular, Menlo, monospace; white-space: pre-wrap; word-break: break-word; }
pre.file .add { background: #dcfce7; display: block; }
pre.file .del { background: #fee2e2; color: #991b1b; text-decoration: line-through; display: block; }
#detail { padding: 0 10px; }
#detail h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: #64748b; margin: 10px 0 4px; }
#causation a { font: 12px ui-monospace, monospace; color: #1d4ed8; }
.because { color: #94a3b8; font-size: 11px; margin: 0 4px; }
table.spend { border-collapse: collapse; font: 12px ui-monospace, monospace; width: 100%; }
table.spend th, table.spend td { text-align: right; padding: 1px 6px; border-bottom: 1px solid #f1f5f9; }
table.spend td:first-child, table.spend th:first-child { text-align: left; }
table.spend tr.total td { font-weight: 700; }
table.spend tr.wave td { font-weight: 600; background: #f8fafc; }
table.spend tr.over td { color: #b91c1c; }
table.spend td.budget { color: #64748b; font-weight: 400; }
button.blob { font: 11px ui-monospace, monospace; border: 1px solid #93c5fd; background: #eff6ff; border-radius: 3px; cursor: pointer; padding: 0 4px; }
footer { font-size: 11px; color: #64748b; padding: 2px 14px; border-top: 1px solid #e2e8f0; }
`;
}
