/// <reference lib="dom" />
/**
 * Page script: a file as of the selected event with its difference to the previous event: common
 * head and tail are trimmed, the middle is diffed line by line (longest common subsequence), added
 * lines are green, removed ones red and struck through.
 */

/** Lines of `after` and `before` as a unified diff: [mark, text] with mark ' ', '+' or '-'. */
export function lineDiff(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const am = a.slice(head, a.length - tail);
  const bm = b.slice(head, b.length - tail);
  const out: [string, string][] = a.slice(0, head).map((l) => [' ', l]);
  if (am.length * bm.length > 4_000_000) {
    for (const l of am) out.push(['-', l]);
    for (const l of bm) out.push(['+', l]);
  } else {
    const w = bm.length + 1;
    const lcs = new Uint32Array((am.length + 1) * w);
    for (let i = am.length - 1; i >= 0; i--) {
      for (let j = bm.length - 1; j >= 0; j--) {
        lcs[i * w + j] =
          am[i] === bm[j]
            ? (lcs[(i + 1) * w + j + 1] ?? 0) + 1
            : Math.max(lcs[(i + 1) * w + j] ?? 0, lcs[i * w + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < am.length || j < bm.length) {
      if (i < am.length && j < bm.length && am[i] === bm[j]) {
        out.push([' ', am[i] as string]);
        i++;
        j++;
      } else if (
        j < bm.length &&
        (i >= am.length || (lcs[i * w + j + 1] ?? 0) >= (lcs[(i + 1) * w + j] ?? 0))
      ) {
        out.push(['+', bm[j] as string]);
        j++;
      } else {
        out.push(['-', am[i] as string]);
        i++;
      }
    }
  }
  for (const l of a.slice(a.length - tail)) out.push([' ', l]);
  return out;
}

/** Renders one file (before/after) into `host`; scrolls to the first change. */
export function renderFile(
  host: HTMLElement,
  name: string,
  before: string | null,
  after: string | null,
): void {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  if (after === null && before === null) {
    host.innerHTML = `<div class="file-empty" data-file="${name}">(no ${esc(name)} yet)</div>`;
    return;
  }
  let pretty = (s: string | null) => s ?? '';
  if (name.endsWith('.json')) {
    pretty = (s) => {
      if (s === null) return '';
      try {
        return JSON.stringify(JSON.parse(s), null, 2);
      } catch (_error) {
        return s;
      }
    };
  } else if (name === 'session record') {
    pretty = (s) =>
      s
        ? s
            .split('\n')
            .map((l) => {
              try {
                return JSON.stringify(JSON.parse(l), null, 2);
              } catch (_error) {
                return l;
              }
            })
            .join('\n')
        : '';
  }
  const diff = lineDiff(pretty(before), pretty(after));
  // Runs of unchanged lines become one text span: a 2,000-line STATE.md stays a handful of nodes.
  const parts: string[] = [];
  let run: string[] = [];
  let runMark = ' ';
  const flush = () => {
    if (run.length === 0) return;
    const cls = runMark === '+' ? ' class="add"' : runMark === '-' ? ' class="del"' : '';
    parts.push(`<span${cls}>${run.join('')}</span>`);
    run = [];
  };
  diff.forEach(([m, l], i) => {
    if (m !== runMark) flush();
    runMark = m;
    run.push(`${esc(l)}${i < diff.length - 1 ? '\n' : ''}`);
  });
  flush();
  const html = parts.join('');
  host.innerHTML = `<pre class="file" data-file="${esc(name)}">${html}</pre>`;
  const firstChange = host.querySelector<HTMLElement>('.add, .del');
  const scroller = host.closest('section');
  if (firstChange && scroller) {
    const top = firstChange.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
    scroller.scrollTop = Math.max(0, scroller.scrollTop + top - 80);
  }
}
