/**
 * Upcasters: `<type>@<v>` → function turning version `v` data into version `v + 1` data. Applied at
 * read time, so recorded logs stay as they were written. Add one whenever an event's schema version
 * is bumped; never edit a recorded log.
 */
import { upcastDeviationV1, upcastWhatNotToRetryV1 } from './events/journal.upcasters.js';

/** Upcaster from one version's data to the next. */
export type Upcaster = (data: unknown) => unknown;

/** Registered upcasters. */
const upcasters: Readonly<Record<string, Upcaster>> = {
  'deviation.recorded@1': upcastDeviationV1,
  'what_not_to_retry.recorded@1': upcastWhatNotToRetryV1,
};

/**
 * Brings `data` of `type` from version `v` to version `current` through the registered upcasters,
 * one version at a time. Throws a plain Error naming the missing step; callers wrap it.
 */
export function upcast(
  type: string,
  v: number,
  current: number,
  data: unknown,
  registry: Readonly<Record<string, Upcaster>> = upcasters,
): unknown {
  let out = data;
  for (let at = v; at < current; at += 1) {
    const up = registry[`${type}@${at}`];
    if (!up) throw new Error(`no upcaster from version ${at} (current is ${current})`);
    out = up(out);
  }
  return out;
}
