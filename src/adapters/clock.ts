/**
 * The clock port. Only the runtime reads time, through this, and stamps it into events; machines
 * and projections never see a clock.
 */

/** A source of time in epoch milliseconds. */
export interface Clock {
  now(): number;
}

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
