/**
 * Rebuilds the files of projections whose version changed. The manifest
 * (`.orchestrator/projections.json`) says which version of each projection wrote the repository's
 * files; a projection whose recorded version differs from the code's is replayed alone (the
 * projector hands it only the events it handles) over every session in the store, oldest first,
 * and its outputs written, so shared files (sessions.jsonl, events.jsonl) get every session's
 * lines in the new form and single files end as the newest session renders them. The manifest
 * then records the code's versions. A repository without a manifest has nothing to compare: the
 * code's versions are recorded as they are.
 */
import {
  readProjectionVersions,
  writeProjectionVersions,
} from '../adapters/projection-manifest.js';
import type { ProjectionWriter } from '../adapters/projection-writer.js';
import type { Projection } from '../projections/projection.js';
import { Projector } from '../projections/projector.js';
import type { EventStore } from '../ports.js';

/** What {@link rebuildStaleProjections} works on. */
export interface RebuildOptions {
  /** The repository root (where the manifest and the projection files live). */
  root: string;
  /** The store holding every session of the repository (read through the port only). */
  store: EventStore;
  /** The projections of the code. */
  projections: readonly Projection<unknown>[];
  /** Writes the rebuilt outputs. */
  writer: ProjectionWriter;
}

/** The sessions of the store, oldest first (by the ts of their first event). */
async function sessionsOldestFirst(store: EventStore): Promise<string[]> {
  const firsts: { stream: string; ts: string }[] = [];
  for (const stream of await store.streams()) {
    for await (const batch of store.read(stream, { from: 1, to: 1, trusted: true })) {
      const first = batch[0];
      if (first) firsts.push({ stream, ts: first.ts });
    }
  }
  return firsts
    .sort((a, b) => (a.ts === b.ts ? a.stream.localeCompare(b.stream) : a.ts < b.ts ? -1 : 1))
    .map((s) => s.stream);
}

/** Rebuilds the projections another version wrote; returns their names (none: nothing to do). */
export async function rebuildStaleProjections(options: RebuildOptions): Promise<string[]> {
  const recorded = readProjectionVersions(options.root);
  const stale = options.projections.filter((p) => {
    const version = recorded?.[p.name];
    return version !== undefined && version !== p.version;
  });
  if (stale.length > 0) {
    for (const stream of await sessionsOldestFirst(options.store)) {
      const projector = new Projector(stale);
      for await (const batch of options.store.read(stream, { trusted: true })) {
        projector.evolveAll(batch);
      }
      options.writer.write(projector.render());
    }
  }
  const current = Object.fromEntries(options.projections.map((p) => [p.name, p.version]));
  const merged = { ...recorded, ...current };
  const changed =
    recorded === null || Object.entries(merged).some(([name, v]) => recorded[name] !== v);
  if (changed) writeProjectionVersions(options.root, merged);
  return stale.map((p) => p.name);
}
