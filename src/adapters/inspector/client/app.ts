/// <reference lib="dom" />
/**
 * Page script entry: opens the SSE stream (history, then live; the browser resumes it with
 * Last-Event-ID), keeps the events and their lanes, and on every selection (scrubber, timeline,
 * list, keys, causation links) asks the server for the state as of that event — one request in
 * flight, the latest selection wins — and renders charts, files, JSON and spend.
 */
import type { PageEvent, PageMeta, PageState } from './client-types.js';
import type { StateReply } from '../state-reply.js';
import { drawCharts, markCharts } from './charts-view.js';
import { renderCausation, renderEvent, renderSpend } from './detail-view.js';
import { renderList } from './event-list.js';
import { renderFile } from './files-view.js';
import { indexEvent } from './lanes.js';
import { drawTimeline, wireTimeline } from './timeline-view.js';

/** Starts the page. */
export function main(): void {
  const $ = (id: string) => document.getElementById(id) as HTMLElement;
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const st: PageState = {
    token,
    meta: null,
    events: [],
    lane: [],
    kind: [],
    lanes: [],
    laneOfKey: new Map(),
    agentWave: new Map(),
    currentWave: 0,
    sel: 0,
    follow: true,
    caughtUp: false,
    reply: null,
    fileTab: 'STATE.md',
    view: { from: 0, to: 1 },
    timings: [],
    pending: null,
    inflight: false,
  };
  const canvas = $('timeline') as HTMLCanvasElement;
  const scrub = $('scrubber') as HTMLInputElement;
  const list = $('list');
  let dirty = false;
  const redraw = () => {
    if (dirty) return;
    dirty = true;
    requestAnimationFrame(() => {
      dirty = false;
      drawTimeline(canvas, st);
      renderList(list, st, false);
    });
  };
  const renderFiles = () => {
    const files = st.reply?.files ?? {};
    $('tabs').innerHTML = Object.keys(files)
      .map(
        (k) =>
          `<button data-tab="${k}" class="${k === st.fileTab ? 'on' : ''}${files[k]?.same ? '' : ' changed'}">${k}</button>`,
      )
      .join('');
    for (const b of Array.from($('tabs').querySelectorAll<HTMLButtonElement>('button'))) {
      b.addEventListener('click', () => {
        st.fileTab = b.dataset.tab ?? 'STATE.md';
        renderFiles();
      });
    }
    const f = files[st.fileTab];
    renderFile($('file'), st.fileTab, f ? (f.same ? f.after : f.before) : null, f?.after ?? null);
  };
  const show = (reply: StateReply) => {
    st.reply = reply;
    const e = st.events[reply.seq - 1];
    if (!e) return;
    const t = [performance.now()];
    markCharts($('charts'), reply);
    t.push(performance.now());
    renderFiles();
    t.push(performance.now());
    renderEvent($('event'), e, token);
    renderCausation($('causation'), reply, e, select);
    t.push(performance.now());
    renderSpend($('spend'), reply, e);
    t.push(performance.now());
    (window as unknown as { __prof: number[] }).__prof = t.slice(1).map((x, i) => x - (t[i] ?? 0));
    $('problem').textContent = reply.error ? `replay: ${reply.error}` : '';
    // Shown once the charts hold it too: before the page's meta has drawn them, that is then.
    if ($('charts').childElementCount > 0) document.body.dataset.shownSeq = String(reply.seq);
  };
  const request = () => {
    if (st.inflight || !st.pending) return;
    const { seq, t0 } = st.pending;
    st.pending = null;
    st.inflight = true;
    fetch(`/api/at?seq=${seq}&token=${encodeURIComponent(token)}`)
      .then((r) => r.json() as Promise<StateReply>)
      .then((reply) => {
        if (seq === st.sel) {
          show(reply);
          st.timings.push({ seq, ms: performance.now() - t0 });
        }
      })
      .catch((error: Error) => ($('problem').textContent = `request failed: ${error.message}`))
      .finally(() => {
        st.inflight = false;
        request();
      });
  };
  function select(seq: number, fromFollow = false): void {
    if (seq < 1 || seq > st.events.length) return;
    if (!fromFollow) st.follow = seq === st.events.length;
    st.sel = seq;
    const e = st.events[seq - 1] as PageEvent;
    scrub.value = String(seq);
    $('seq').textContent = `#${seq} / ${st.events.length}`;
    $('seq-type').textContent = `${e.type} · ${e.ts.slice(11, 23)}`;
    if (seq < st.view.from || seq > st.view.to) {
      const span = st.view.to - st.view.from;
      st.view.from = Math.max(0, seq - span / 2);
      st.view.to = st.view.from + span;
    }
    st.pending = { seq, t0: performance.now() };
    request();
    drawTimeline(canvas, st);
    renderList(list, st, true);
  }
  wireTimeline(canvas, st, redraw, select);
  scrub.addEventListener('input', () => select(Number(scrub.value)));
  list.addEventListener('scroll', redraw);
  list.addEventListener('click', (ev) => {
    const row = (ev.target as HTMLElement).closest<HTMLElement>('.row');
    if (row) select(Number(row.dataset.seq));
  });
  window.addEventListener('resize', redraw);
  window.addEventListener('keydown', (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.target !== scrub) return;
    if (ev.key === 'ArrowLeft' || ev.key === 'ArrowRight') {
      ev.preventDefault();
      select(st.sel + (ev.key === 'ArrowLeft' ? -1 : 1));
    }
  });
  $('fit').addEventListener('click', () => {
    st.view = { from: 0, to: st.events.length + 1 };
    redraw();
  });
  const showMeta = (m: PageMeta) => {
    st.meta = m;
    $('session').textContent = m.semanticId ?? m.session ?? 'waiting for a session log…';
    $('file-name').textContent = m.file ?? '';
    const link = (f: { file: string; session: string; at: number }, label: string) =>
      `<a class="fork" href="#" data-fork="${f.file}" title="${f.file}">${label} ${f.session.slice(0, 8)} @${f.at}</a>`;
    const forks = [
      m.forks.from ? link(m.forks.from, 'forked from') : '',
      ...m.forks.into.map((f) => link(f, 'fork')),
    ];
    $('forks').innerHTML = forks.join(' ');
    for (const a of Array.from($('forks').querySelectorAll<HTMLAnchorElement>('a.fork'))) {
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        navigator.clipboard?.writeText(`wave inspect ${a.dataset.fork}`).catch(() => undefined);
        a.textContent = `wave inspect ${a.dataset.fork}`;
      });
    }
    if (m.error) $('problem').textContent = m.error;
    if ($('charts').childElementCount === 0) {
      drawCharts($('charts'), m.charts);
      if (st.reply) {
        markCharts($('charts'), st.reply);
        document.body.dataset.shownSeq = String(st.reply.seq);
      }
    }
  };
  const source = new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  source.addEventListener('meta', (ev) =>
    showMeta(JSON.parse((ev as MessageEvent<string>).data) as PageMeta),
  );
  source.addEventListener(
    'problem',
    (ev) =>
      ($('problem').textContent = (
        JSON.parse((ev as MessageEvent<string>).data) as { message: string }
      ).message),
  );
  source.addEventListener('events', (ev) => {
    const batch = JSON.parse((ev as MessageEvent<string>).data) as PageEvent[];
    for (const e of batch) {
      if (e.seq !== st.events.length + 1) continue;
      st.events.push(e);
      indexEvent(st, e);
    }
    const n = st.events.length;
    scrub.max = String(n);
    if (st.view.to >= n - batch.length) st.view.to = n + 1;
    $('live').textContent = st.caughtUp ? 'live' : `loading ${n}…`;
    if (st.caughtUp && st.follow) select(n, true);
    else redraw();
  });
  source.addEventListener('caught-up', () => {
    st.caughtUp = true;
    document.body.dataset.loaded = String(st.events.length);
    $('live').textContent = 'live';
    st.view = { from: 0, to: st.events.length + 1 };
    if (st.events.length > 0) select(st.sel > 0 ? st.sel : st.events.length, true);
  });
  source.onerror = () => ($('live').textContent = 'reconnecting…');
  (window as unknown as { __inspector: unknown }).__inspector = { st, select };
}
