/**
 * A coordinator restored from a checkpoint is the coordinator that folded the prefix: cut every
 * recorded log at every event, checkpoint, encode to bytes and back, restore, and feed both the
 * rest of the log. Each event must produce the same intents, and at the end the books, the view,
 * the divergences and the persisted snapshot must be equal.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeCoordinatorCheckpoint,
  encodeCoordinatorCheckpoint,
} from '../../src/adapters/coordinator-checkpoint.codec.js';
import type { DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import { everyLogFile, readLog } from '../replay/fixture-files.js';
import { coordinatorEnd } from '../support/coordinator-end.js';

const LOGS = everyLogFile();

const restored = (c: Coordinator): Coordinator => {
  const cp = decodeCoordinatorCheckpoint(encodeCoordinatorCheckpoint(c.checkpoint()));
  if (typeof cp === 'string') throw new Error(cp);
  return Coordinator.fromCheckpoint(cp);
};

const books = (c: Coordinator) => coordinatorEnd(c);

describe.each(LOGS)('checkpoints of %s', (_name, file) => {
  it('restore at every cut point to a coordinator that decides the rest of the log alike', async () => {
    const events: DomainEvent[] = await readLog(file);
    const whole = new Coordinator();
    const intentsOf: string[] = events.map((e) => JSON.stringify(whole.apply(e)));
    const end = books(whole);
    const prefix = new Coordinator();
    for (let cut = 0; cut < events.length; cut++) {
      const copy = restored(prefix);
      for (let i = cut; i < events.length; i++) {
        const e = events[i] as DomainEvent;
        expect(JSON.stringify(copy.apply(e)), `cut ${cut}, seq ${e.seq}`).toBe(intentsOf[i]);
      }
      const got = books(copy);
      expect(got, `cut ${cut}`).toEqual(end);
      prefix.apply(events[cut] as DomainEvent);
    }
  }, 120_000);
});

describe('decodeCoordinatorCheckpoint', () => {
  it('names what is wrong with bytes that are not a checkpoint', () => {
    expect(decodeCoordinatorCheckpoint(Buffer.from('{"format":1}'))).toMatch(/cannot be read/);
    const cp = new Coordinator().checkpoint();
    const bytes = encodeCoordinatorCheckpoint(cp);
    expect(decodeCoordinatorCheckpoint(bytes.subarray(0, bytes.length - 9))).toMatch(
      /cannot be read/,
    );
    expect(
      decodeCoordinatorCheckpoint(encodeCoordinatorCheckpoint({ ...cp, format: 9 as 1 })),
    ).toBe('machine state format 9');
    expect(
      decodeCoordinatorCheckpoint(encodeCoordinatorCheckpoint({ ...cp, agentWave: null as never })),
    ).toBe('its machine state lacks fields');
  });
});
