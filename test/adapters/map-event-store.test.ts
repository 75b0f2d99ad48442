import { MapEventStore } from '../support/map-event-store.js';
import { eventStoreContract } from './event-store.contract.js';

// The third store: nothing public but the port, so the contract is all it can be judged by.
eventStoreContract(
  'map (test store, port only)',
  async (options) => {
    const disk = new Map<string, string[]>();
    return {
      store: new MapEventStore(disk, options),
      cleanup: async () => {},
      durable: {
        reopen: () => new MapEventStore(disk, options),
        tear: async (stream) => {
          disk.get(stream)?.push('{"v":1,"seq":4,"ts":"20');
        },
      },
    };
  },
  { durable: true },
);
