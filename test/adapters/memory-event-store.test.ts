import { createMemoryEventStore } from '../../src/adapters/memory-event-store.js';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import { readAll } from '../../src/adapters/event-store.js';
import { eventStoreContract, makeEvents } from './event-store.contract.js';

eventStoreContract(
  'memory',
  async (options) => ({
    store: createMemoryEventStore(options),
    cleanup: async () => {},
  }),
  { durable: false },
);

describe('memory store: what it holds cannot change', () => {
  it('freezes an appended event in place, so neither the appender nor a listener can alter it', async () => {
    const store = createMemoryEventStore();
    const seen: DomainEvent[] = [];
    store.subscribe('s-1', (batch) => seen.push(...batch));
    const [event] = makeEvents('s-1', 1, 1) as [DomainEvent];
    await store.append('s-1', [event], { expectedVersion: 0 });
    const before = JSON.stringify(event);
    expect(() => {
      (event.data as Record<string, unknown>).extra = 1;
    }).toThrow(TypeError);
    expect(() => {
      (seen[0] as { seq: number }).seq = 9;
    }).toThrow(TypeError);
    const read = (await readAll(store, 's-1'))[0];
    expect(JSON.stringify(read)).toBe(before);
  });
});
