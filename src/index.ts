/**
 * wave-executor public API. Explicit named exports only.
 */
export * from './errors.js';
export {
  eventCatalog,
  parseEvent,
  trustEvent,
  validateEventData,
  newEvent,
  isEventType,
  currentVersion,
  eventJsonSchemas,
  CANONICAL_TS,
} from './events.js';
export type {
  DomainEvent,
  EventOf,
  EventType,
  EventData,
  EventDataInput,
  Envelope,
  NewEvent,
} from './events.js';
export type { EventDefinition } from './event-definition.js';
export * from './domain/plan.schema.js';
export * from './domain/status.js';
export type {
  EventStore,
  ExpectedVersion,
  ReadOptions,
  AppendResult,
  StreamListener,
} from './adapters/event-store.js';
export { readAll } from './adapters/event-store.js';
export type {
  Projection,
  ProjectionOutput,
  FileOutput,
  OwnedLinesOutput,
} from './projections/projection.js';
