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
export type { EventDefinition } from './events/event-definition.js';
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

// Runtime: the library API a host harness embeds.
export { createWaveExecutor, resumeWaveExecutor } from './runtime.js';
export type {
  WaveExecutor,
  WaveExecutorOptions,
  ExecutorCommonOptions,
  ResumeOptions,
  RunOutcome,
} from './runtime.js';
export { systemClock, steppingClock } from './adapters/clock.js';
export type { Clock } from './adapters/clock.js';
export { policyAsker, terminalAsker } from './adapters/decision-asker.js';
export type { DecisionAsker, DecisionAnswer } from './adapters/decision-asker.js';

// Machines (pure): the coordinator and the statecharts.
export { Coordinator } from './machines/coordinator.js';
export type { CoordinatorView } from './machines/coordinator.js';
export { sessionMachine } from './machines/session.machine.js';
export { waveMachine } from './machines/wave.machine.js';
export { missionMachine, MISSION_EDGES } from './machines/mission.machine.js';
export { agentMachine } from './machines/agent.machine.js';
export { agentIdOf } from './machines/intents.js';
export type {
  Intent,
  Effect,
  RunAgentEffect,
  RunGateEffect,
  InspectEffect,
  AskEffect,
} from './machines/intents.js';
export { resolveIsolation, resolveEnforcement } from './domain/isolation.js';

// Event stores and the blob store.
export { createMemoryEventStore } from './adapters/memory-event-store.js';
export type { MemoryEventStoreOptions } from './adapters/memory-event-store.js';
export { createJsonlEventStore } from './adapters/jsonl-event-store.js';
export type {
  JsonlEventStore,
  JsonlEventStoreOptions,
  OpenWriterResult,
} from './adapters/jsonl-event-store.js';
export { readLogFile, LogReader } from './adapters/jsonl-reader.js';
export type { LogReadOptions } from './adapters/jsonl-reader.js';
export { createBlobStore, createBlobSink, inlineOrBlob, sha256Hex } from './adapters/blob-store.js';
export type { BlobStore, InlineOrBlob } from './adapters/blob-store.js';

// Projections (pure folds + renders) and the projection writer.
export { Projector, projectAt } from './projections/projector.js';
export { allProjections } from './projections/all.projections.js';
export { stateMdProjection } from './projections/state-md/state-md.projection.js';
export { parseStateMd, serializeStateMd } from './projections/state-md/frontmatter.codec.js';
export type {
  StateMdDocument,
  YamlValue,
  YamlMapping,
} from './projections/state-md/frontmatter.codec.js';
export {
  readCurrentTask,
  parseMissionStatus,
  readMissionStatus,
  readOpenQuestions,
  readWhatNotToRetry,
} from './projections/state-md/state-md.readers.js';
export {
  sessionsJsonlProjection,
  SESSIONS_JSONL_PATH,
} from './projections/sessions-jsonl/sessions-jsonl.projection.js';
export {
  validateSession,
  CURRENT_SESSION_SCHEMA_VERSION,
} from './projections/sessions-jsonl/validate-session.js';
export type { SessionValidation } from './projections/sessions-jsonl/validate-session.js';
export {
  sessionLockProjection,
  serializeLock,
  SESSION_LOCK_PATH,
} from './projections/session-lock.projection.js';
export { parseLock, isLockLive } from './projections/session-lock.liveness.js';
export { eventsJsonlProjection, EVENTS_JSONL_PATH } from './projections/events-jsonl.projection.js';
export { validateEventRecord } from './projections/events-jsonl.validate.js';
export { agentStatusProjection } from './projections/agent-status.projection.js';
export { waveScopeProjection } from './projections/wave-scope.projection.js';
export { foldProgress, evolveProgress } from './projections/progress.view.js';
export type { ProgressView } from './projections/progress.types.js';
export { createProjectionWriter } from './adapters/projection-writer.js';
export type {
  ProjectionWriter,
  WriteReport,
  ProjectionDifference,
} from './adapters/projection-writer.js';

// Plan and config loading.
export { loadPlan, validatePlanFile } from './adapters/plan/load-plan.js';
export { formatIssues } from './adapters/plan/issue-list.js';
export { parseSessionConfig } from './adapters/config/session-config.parser.js';
export { loadSessionConfig } from './adapters/config/session-config.loader.js';

// Actors: agent runners, the worker pool, quality gates, git.
export type {
  AgentRunner,
  AgentRunRequest,
  AgentRunResult,
  AgentEmit,
  AgentTerminalEvent,
  StagnationFinding,
} from './actors/ports.js';
export { createAgentRunner } from './actors/runners/agent.runner.js';
export type { AgentRunnerOptions } from './actors/runners/agent.runner.js';
export { buildAgentPrompt } from './actors/runners/prompt.builder.js';
export { parseStatusReport, parseOpenQuestions } from './actors/runners/status-line.parser.js';
export { detectStagnation } from './actors/runners/stagnation.detector.js';
export { runPool } from './actors/worker-pool.js';
export type { PoolJob, PoolOptions, PoolOutcome } from './actors/worker-pool.js';
export { runQualityGate } from './actors/quality-gate.js';
export type { GateOutcome } from './actors/quality-gate.js';
export { createGit } from './actors/git.js';
export type { GitActor } from './actors/git.js';
export {
  createRedactor,
  secretEnvValues,
  REDACTED,
  type Redactor,
  type RedactorOptions,
} from './domain/redact.js';
