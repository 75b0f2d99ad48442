/**
 * Upcasters: `<type>@<v>` → function turning version `v` data into version `v + 1` data. Applied at
 * read time, so recorded logs stay as they were written. Add one whenever an event's schema version
 * is bumped; never edit a recorded log.
 */

/** Upcaster from one version's data to the next. */
export type Upcaster = (data: unknown) => unknown;

/** Registered upcasters (none yet: every event type is at version 1). */
export const upcasters: Readonly<Record<string, Upcaster>> = {};
