/**
 * The run collector's text window: given any sequence of texts (empty ones, lone surrogates, texts
 * that wrap around the ring, make it grow, or are longer than the budget alone), when pushed, then
 * it keeps exactly what a plain list would: the newest texts whose lengths add up to at most the
 * budget, or the newest alone when it is longer, each as it was given.
 */
import { describe, expect, it } from 'vitest';
import { TextWindow } from '../../../src/actors/runners/text-window.js';

/** The rule, written plainly: a list that drops its oldest texts while over the budget. */
function model(budget: number) {
  const kept: string[] = [];
  let chars = 0;
  return {
    push(text: string) {
      kept.push(text);
      chars += text.length;
      while (chars > budget && kept.length > 1) chars -= (kept.shift() as string).length;
    },
    texts: () => [...kept],
  };
}

/** A seeded generator of texts of every kind. */
function texts(seed: number, n: number, budget: number): string[] {
  let s = seed;
  const next = (m: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s % m;
  };
  const units = ['a', 'é', '\ud83d\ude00', '\ud83d', '\udc00', '\n', ' '];
  return Array.from({ length: n }, () => {
    const kind = next(10);
    const len = kind === 0 ? 0 : kind === 1 ? budget + next(budget) : next(kind < 5 ? 8 : budget);
    let t = '';
    while (t.length < len) t += units[next(units.length)] as string;
    return t;
  });
}

describe('text window', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    'given seeded texts (seed %i), when pushed, then it keeps what the plain rule keeps',
    (seed) => {
      for (const budget of [1, 7, 50, 20_000]) {
        const w = new TextWindow(budget);
        const m = model(budget);
        for (const t of texts(seed, 400, budget)) {
          w.push(t);
          m.push(t);
          expect(w.lastText()).toBe(t);
        }
        expect(w.texts()).toEqual(m.texts());
      }
    },
  );

  it('given a budget of a million characters, when a million short lines are pushed, then the newest lines within it are kept', () => {
    const w = new TextWindow(1024 * 1024);
    const line = (i: number) => `a short line of agent chatter ${i}`;
    for (let i = 0; i < 1_000_000; i += 1) w.push(line(i));
    const kept = w.texts();
    expect(kept.at(-1)).toBe(line(999_999));
    expect(kept.join('').length).toBeLessThanOrEqual(1024 * 1024);
    expect(kept.join('').length + line(999_999 - kept.length).length).toBeGreaterThan(1024 * 1024);
    expect(kept[0]).toBe(line(1_000_000 - kept.length));
  });

  it('given nothing pushed, then it keeps nothing', () => {
    const w = new TextWindow(10);
    expect(w.texts()).toEqual([]);
    expect(w.lastText()).toBeUndefined();
  });
});
