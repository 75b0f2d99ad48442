/**
 * Clocks: implementations of the {@link Clock} port (`src/ports.ts`). Only the runtime reads time,
 * through one, and stamps it into events; machines and projections never see a clock.
 */
import type { Clock } from '../ports.js';

/** The system clock, made monotonic: a stamped timestamp never goes backwards. */
export function systemClock(): Clock {
  let last = 0;
  return {
    now() {
      const t = Date.now();
      last = t > last ? t : last;
      return last;
    },
  };
}

/** A manual clock for tests and simulations: starts at `startMs`, advances `stepMs` per read. */
export function steppingClock(startMs: number, stepMs = 1): Clock {
  let t = startMs - stepMs;
  return {
    now() {
      t += stepMs;
      return t;
    },
  };
}
