import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryEventStore } from '../../src/adapters/memory-event-store.js';
import {
  PROJECTION_MANIFEST_PATH,
  readProjectionVersions,
} from '../../src/adapters/projection-manifest.js';
import { createProjectionWriter } from '../../src/adapters/projection-writer.js';
import { PreconditionError } from '../../src/errors.js';
import type { Projection } from '../../src/projections/projection.js';
import { Projector } from '../../src/projections/projector.js';
import type { EventStore } from '../../src/ports.js';
import { rebuildStaleProjections } from '../../src/runtime/projection-rebuild.js';
import { logPath, readLog, tempDir } from '../replay/fixture-files.js';

interface Count {
  session: string | null;
  missions: number;
}

/** One line per session in a shared file, in a form that depends on the version. */
function perSession(version: number): Projection<unknown> {
  const p: Projection<Count> = {
    name: 'per-session',
    version,
    handles: ['session.started', 'mission.status_changed'],
    init: () => ({ session: null, missions: 0 }),
    evolve: (v, e) =>
      e.type === 'session.started'
        ? { session: e.session, missions: 0 }
        : { ...v, missions: v.missions + 1 },
    render: (v) =>
      v.session === null
        ? []
        : [
            {
              kind: 'owned-lines',
              path: 'out/sessions.txt',
              owns: (line) => line.startsWith(`${v.session as string} `),
              lines: [`${v.session} v${version} status-changes=${v.missions}`],
            },
          ],
  };
  return p;
}

const SESSIONS = ['happy-3-waves', 'wave-skipped'];

/** A memory store holding two recorded sessions. */
async function storeWithSessions(): Promise<EventStore> {
  const store = createMemoryEventStore();
  for (const name of SESSIONS) {
    const events = await readLog(logPath(name));
    await store.append(events[0]?.session as string, events, { expectedVersion: 'no-stream' });
  }
  return store;
}

/** Writes the files as version `version` of the projection did, and its manifest. */
async function writtenBy(root: string, store: EventStore, version: number): Promise<void> {
  const writer = createProjectionWriter({ root });
  mkdirSync(join(root, 'out'), { recursive: true });
  writeFileSync(join(root, 'out/sessions.txt'), 'foreign line of another tool\n');
  for (const stream of await store.streams()) {
    const projector = new Projector([perSession(version)]);
    for await (const batch of store.read(stream)) projector.evolveAll(batch);
    writer.write(projector.render());
  }
  mkdirSync(join(root, '.orchestrator'), { recursive: true });
  writeFileSync(
    join(root, PROJECTION_MANIFEST_PATH),
    JSON.stringify({ projections: { 'per-session': version } }),
  );
}

describe('a bumped projection version rebuilds its files from the logs', () => {
  it('given files written by version 1, when the code has version 2, then every session line is rendered again by version 2, foreign lines kept, and the manifest says 2', async () => {
    const root = tempDir('wave-rebuild-');
    const store = await storeWithSessions();
    await writtenBy(root, store, 1);
    expect(readFileSync(join(root, 'out/sessions.txt'), 'utf8')).toContain(' v1 ');

    const rebuilt = await rebuildStaleProjections({
      root,
      store,
      projections: [perSession(2)],
      writer: createProjectionWriter({ root }),
    });

    expect(rebuilt).toEqual(['per-session']);
    const lines = readFileSync(join(root, 'out/sessions.txt'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('foreign line of another tool');
    expect(lines.slice(1).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      'fx-happy-3-waves v2',
      'fx-wave-skipped v2',
    ]);
    expect(readProjectionVersions(root)).toEqual({ 'per-session': 2 });
  });

  it('given files written by the same version, when asked to rebuild, then nothing is written', async () => {
    const root = tempDir('wave-rebuild-');
    const store = await storeWithSessions();
    await writtenBy(root, store, 1);
    const file = join(root, 'out/sessions.txt');
    const before = { text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs };
    const manifest = statSync(join(root, PROJECTION_MANIFEST_PATH)).mtimeMs;

    const rebuilt = await rebuildStaleProjections({
      root,
      store,
      projections: [perSession(1)],
      writer: createProjectionWriter({ root }),
    });

    expect(rebuilt).toEqual([]);
    expect({ text: readFileSync(file, 'utf8'), mtime: statSync(file).mtimeMs }).toEqual(before);
    expect(statSync(join(root, PROJECTION_MANIFEST_PATH)).mtimeMs).toBe(manifest);
  });

  it('given no manifest, when asked to rebuild, then nothing is rebuilt and the code versions are recorded', async () => {
    const root = tempDir('wave-rebuild-');
    const rebuilt = await rebuildStaleProjections({
      root,
      store: await storeWithSessions(),
      projections: [perSession(3)],
      writer: createProjectionWriter({ root }),
    });
    expect(rebuilt).toEqual([]);
    expect(readProjectionVersions(root)).toEqual({ 'per-session': 3 });
  });

  it('given a manifest of the wrong shape, when it is read, then the error names the file and the key', async () => {
    const root = tempDir('wave-rebuild-');
    mkdirSync(join(root, '.orchestrator'), { recursive: true });
    writeFileSync(join(root, PROJECTION_MANIFEST_PATH), '{"projections":{"state-md":"one"}}');
    expect(() => readProjectionVersions(root)).toThrow(PreconditionError);
    expect(() => readProjectionVersions(root)).toThrow(
      /projections\.json: projections\.state-md: /,
    );
    writeFileSync(join(root, PROJECTION_MANIFEST_PATH), '{oops');
    expect(() => readProjectionVersions(root)).toThrow(/projections\.json: not JSON/);
  });
});
