/**
 * The detectors' tables are keyed by file paths and digests. Given files named like the members
 * every object inherits (or `__proto__`), when folded, then they count as any file; given a state
 * read back from a checkpoint's bytes, when adopted and folded on, then it decides exactly as
 * the state that never left.
 */
import { deserialize, serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import {
  adoptLoopWatch,
  finishLoopWatch,
  newLoopWatch,
  observeFactAll,
} from '../../../src/domain/supervision/loop-watch.js';
import type {
  LoopVerdict,
  SpiralRule,
  ToolFact,
} from '../../../src/domain/supervision/loop-watch.types.js';
import { edit, read } from './tool-facts.helpers.js';

const CWD = '/repo';
/** Folds facts, then ends the stream; returns every verdict, in order. */
function watch(facts: ToolFact[], spiralRule: SpiralRule): LoopVerdict[] {
  const state = newLoopWatch({ spiralRule, cwd: CWD });
  return [...facts.flatMap((f) => observeFactAll(state, f)), ...finishLoopWatch(state)];
}

describe('tables keyed by file names', () => {
  // Files named like members every object inherits, and the one that would set a prototype.
  const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(NAMES)(
    'given a file named %s edited three times, when folded, then the reference rule trips on it',
    (name) => {
      const verdicts = watch(
        [
          edit(`/repo/${name}`, 'a', 'b'),
          edit(`/repo/${name}`, 'c', 'd'),
          edit(`/repo/${name}`, 'e', 'f'),
        ],
        'reference',
      );
      expect(verdicts.map((v) => [v.pattern, v.file])).toEqual([['edit-spiral', name]]);
    },
  );

  it.each(['json', 'structured clone'])(
    'given a state read back from its %s bytes, when adopted and folded on, then it decides as the one that never left',
    (how) => {
      const facts = NAMES.flatMap((n) => [read(`/repo/${n}`, 0), edit(`/repo/${n}`, 'a', 'b')]);
      const rest = NAMES.flatMap((n) => [
        read(`/repo/${n}`, 50),
        read(`/repo/${n}`, 0),
        edit(`/repo/${n}`, 'b', 'a'),
        edit(`/repo/${n}`, 'a', 'b'),
      ]);
      const live = newLoopWatch({ spiralRule: 'default', cwd: CWD });
      for (const f of facts) observeFactAll(live, f);
      const bytes: unknown =
        how === 'json' ? JSON.parse(JSON.stringify(live)) : deserialize(serialize(live));
      const back = adoptLoopWatch(bytes as typeof live);
      expect(Object.getPrototypeOf(back.files)).toBeNull();
      const a = rest.flatMap((f) => observeFactAll(live, f));
      const b = rest.flatMap((f) => observeFactAll(back, f));
      expect(b).toEqual(a);
      expect(a.length).toBeGreaterThan(0);
      expect(JSON.stringify(back)).toBe(JSON.stringify(live));
    },
  );
});
