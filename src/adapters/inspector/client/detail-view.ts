/// <reference lib="dom" />
/**
 * Page script: the selected event's JSON (blob hashes become buttons that fetch the blob on
 * demand), its causation chain (each link selects that event), and the spend so far per session,
 * wave and agent.
 */
import type { PageEvent } from './client-types.js';
import type { StateReply } from '../state-reply.js';

/** Renders the event JSON with blob buttons. */
export function renderEvent(host: HTMLElement, e: PageEvent, token: string): void {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const json = esc(JSON.stringify(e, null, 2)).replace(
    /"([0-9a-f]{64})"/g,
    (_m, h: string) =>
      `"<button class="blob" data-blob="${h}" title="fetch this blob">${h.slice(0, 12)}…</button>"`,
  );
  host.innerHTML = `<pre class="json" data-seq="${e.seq}">${json}</pre><pre class="blob-text" hidden></pre>`;
  for (const b of Array.from(host.querySelectorAll<HTMLButtonElement>('button.blob'))) {
    b.addEventListener('click', () => {
      const out = host.querySelector('.blob-text') as HTMLElement;
      out.hidden = false;
      out.textContent = 'loading…';
      fetch(`/api/blob/${b.dataset.blob}?token=${encodeURIComponent(token)}`)
        .then(
          async (r) =>
            (out.textContent = r.ok
              ? await r.text()
              : `blob unavailable (${r.status}): ${await r.text()}`),
        )
        .catch((error: Error) => (out.textContent = `blob unavailable: ${error.message}`));
    });
  }
}

/** Renders the causation chain; a click on a link selects it. */
export function renderCausation(
  host: HTMLElement,
  reply: StateReply,
  e: PageEvent,
  select: (seq: number) => void,
): void {
  const links = [{ seq: e.seq, type: e.type }, ...reply.causation];
  host.innerHTML = links
    .map(
      (l, i) =>
        `${i > 0 ? '<span class="because">⟵ caused by</span>' : ''}<a href="#" data-seq="${l.seq}">#${l.seq} ${l.type}</a>`,
    )
    .join(' ');
  for (const a of Array.from(host.querySelectorAll<HTMLAnchorElement>('a[data-seq]'))) {
    a.addEventListener('click', (ev) => {
      ev.preventDefault();
      select(Number(a.dataset.seq));
    });
  }
}

/**
 * Renders the spend table as of the selected event: the session's own accounting (the fold the
 * budgets and `wave status` use), per session, per wave, and per agent of the selected event's
 * wave (its own, else the latest started); a limit of `budgets:` beside its scope, a scope over
 * budget marked, dollars of runs with neither a reported cost nor a price marked `+`.
 */
export function renderSpend(host: HTMLElement, reply: StateReply, e: PageEvent): void {
  type Sp = StateReply['spend'];
  type S = Sp['session'];
  type Limit = NonNullable<Sp['budgets']>['session'];
  const sp = reply.spend;
  // Thousands separators by hand: toLocaleString costs ICU work on every cell of every step.
  const int = (n: number) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ',');
  const ms = (s: S) => (s.firstMs !== null && s.lastMs !== null ? s.lastMs - s.firstMs : 0);
  const dur = (n: number) =>
    n >= 60_000
      ? `${Math.floor(n / 60_000)}m${String(Math.round((n % 60_000) / 1000)).padStart(2, '0')}s`
      : `${(n / 1000).toFixed(1)}s`;
  const limitText = (l: Limit) =>
    l === undefined
      ? ''
      : [
          l.tokens === undefined ? '' : `${int(l.tokens)} tokens`,
          l.usd === undefined ? '' : `$${l.usd}`,
          l.minutes === undefined ? '' : `${l.minutes} min`,
        ]
          .filter(Boolean)
          .join(' · ');
  const b = sp.budgets;
  const row = (label: string, s: S, cls: string, key: string, limit: Limit, unpriced: boolean) => {
    const over = sp.tripped[key] === true;
    return `<tr class="${cls}${over ? ' over' : ''}"><td>${label}${over ? ' <b title="over budget">over budget</b>' : ''}</td><td>${int(s.inputTokens)}</td><td>${int(s.outputTokens)}</td><td${unpriced ? ' title="some usage has no price"' : ''}>$${s.usd.toFixed(4)}${unpriced ? '+' : ''}</td><td>${dur(ms(s))}</td>${b ? `<td class="budget">${limitText(limit)}</td>` : ''}</tr>`;
  };
  const agents = Object.entries(sp.agents);
  const unpricedWave = (w: number) => agents.some(([, a]) => a.wave === w && !a.priced);
  const waves = Object.keys(sp.waves)
    .map(Number)
    .sort((x, y) => x - y);
  const d = e.data;
  const own =
    typeof d.wave === 'number'
      ? d.wave
      : typeof d.agentId === 'string'
        ? sp.agents[d.agentId]?.wave
        : undefined;
  const shown = own ?? waves[waves.length - 1];
  const rows = [
    row(
      'session',
      sp.session,
      'total',
      'session',
      b?.session,
      agents.some(([, a]) => !a.priced),
    ),
  ];
  for (const w of waves) {
    rows.push(row(`wave ${w}`, sp.waves[w] as S, 'wave', `wave:${w}`, b?.wave, unpricedWave(w)));
    if (w !== shown) continue;
    for (const [id, a] of agents) {
      if (a.wave === w)
        rows.push(row(`&nbsp;&nbsp;${id}`, a, 'agent', `agent:${id}`, b?.agent, !a.priced));
    }
  }
  host.innerHTML = `<table class="spend"><thead><tr><th></th><th>tokens in</th><th>tokens out</th><th>cost</th><th>time</th>${b ? '<th>budget</th>' : ''}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
