import { createMemoryEventStore } from '../../src/adapters/memory-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

eventStoreContract(
  'memory',
  async (options) => ({
    store: createMemoryEventStore(options),
    cleanup: async () => {},
  }),
  { durable: false },
);
