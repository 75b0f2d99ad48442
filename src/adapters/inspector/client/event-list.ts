/// <reference lib="dom" />
/**
 * Page script: the event list, virtualized (only the rows in view exist in the DOM), so it scrolls
 * through 100,000 events as quickly as through 100.
 */
import type { PageEvent, PageState } from './client-types.js';
import { kindColor } from './lanes.js';

/** One line of summary for an event. */
export function summarize(e: PageEvent): string {
  const d = e.data;
  const parts: string[] = [];
  for (const k of ['wave', 'agentId', 'id', 'status', 'tool', 'gate', 'attempt', 'to', 'reason']) {
    const v = d[k];
    if (typeof v === 'string' || typeof v === 'number')
      parts.push(`${k === 'id' ? '' : `${k}=`}${v}`);
  }
  return parts.join(' ');
}

/** Renders the rows in view; scrolls the selected event into view when asked. */
export function renderList(host: HTMLElement, st: PageState, reveal: boolean): void {
  const ROW = 20;
  const inner = host.firstElementChild as HTMLElement | null;
  if (!inner) return;
  inner.style.height = `${st.events.length * ROW}px`;
  if (reveal) {
    const top = (st.sel - 1) * ROW;
    if (top < host.scrollTop || top > host.scrollTop + host.clientHeight - ROW) {
      host.scrollTop = Math.max(0, top - host.clientHeight / 2);
    }
  }
  const first = Math.max(1, Math.floor(host.scrollTop / ROW) + 1 - 5);
  const last = Math.min(st.events.length, first + Math.ceil(host.clientHeight / ROW) + 10);
  const rows: string[] = [];
  for (let s = first; s <= last; s++) {
    const e = st.events[s - 1];
    if (!e) continue;
    const color = kindColor(st.kind[s - 1] ?? 'other');
    const text = `${e.type} ${summarize(e)}`.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    rows.push(
      `<div class="row${s === st.sel ? ' sel' : ''}" data-seq="${s}" style="top:${(s - 1) * ROW}px"><span class="dot" style="background:${color}"></span><span class="n">${s}</span> ${text}</div>`,
    );
  }
  inner.innerHTML = rows.join('');
}
