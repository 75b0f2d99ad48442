/**
 * wave-executor public API. Explicit named exports only.
 */
export {
  formatIssue,
  WaveError,
  PlanError,
  ConfigError,
  CorruptLogError,
  EventValidationError,
  ConcurrencyError,
  SessionLockedError,
  PreconditionError,
  IllegalTransitionError,
  DivergenceError,
  PreflightError,
  BlobError,
  WriterClosedError,
} from './errors.js';
export type { SourceLocation, Issue } from './errors.js';
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
export {
  SessionTypeSchema,
  RoleSchema,
  IsolationSchema,
  EnforcementSchema,
  CollisionRiskSchema,
  PlatformSchema,
  StreamFormatSchema,
  MISSION_ID_PATTERN,
  RunnerSpecSchema,
  TaskSchema,
  WavePlanSchema,
  QualityGateSchema,
  ResolvedConfigSchema,
  ResolvedPlanSchema,
  stateDirOf,
  autoMaxTurns,
} from './domain/plan.schema.js';
export type {
  SessionType,
  Role,
  Isolation,
  Enforcement,
  CollisionRisk,
  Platform,
  StreamFormat,
  RunnerSpec,
  Task,
  WavePlan,
  QualityGate,
  ResolvedConfig,
  ResolvedPlan,
} from './domain/plan.schema.js';
export {
  MissionStatusSchema,
  AgentOutcomeSchema,
  ReportedStatusSchema,
  StagnationPatternSchema,
  ErrorClassSchema,
  WaveQualitySchema,
} from './domain/status.js';
export type {
  MissionStatus,
  AgentOutcome,
  ReportedStatus,
  StagnationPattern,
  ErrorClass,
  WaveQuality,
} from './domain/status.js';

// Ports: every interface the runtime depends on (hosts may supply their own).
export type {
  EventStore,
  ExpectedVersion,
  ReadOptions,
  AppendResult,
  StreamListener,
  OpenedStream,
  TornTail,
  AgentRunner,
  AgentRunRequest,
  Backpressure,
  AgentRunResult,
  AgentEmit,
  AgentTerminalEvent,
  StagnationFinding,
  GitActor,
  CleanOptions,
  CommitInfo,
  GitSnapshot,
  WorkingTreeChanges,
  AutoCommit,
  Clock,
  DecisionAsker,
  DecisionAnswer,
  BlobSink,
} from './ports.js';
export { readAll } from './adapters/event-store.js';
export type {
  Projection,
  ProjectionOutput,
  FileOutput,
  OwnedLinesOutput,
} from './projections/projection.js';

// Runtime: the library API a host harness embeds.
export { createWaveExecutor, resumeWaveExecutor, runSession } from './runtime.js';
export type {
  WaveExecutor,
  WaveExecutorOptions,
  ExecutorCommonOptions,
  ResumeOptions,
  RunOutcome,
  AgentSummary,
  SessionRunResult,
} from './runtime.js';
export { systemClock, steppingClock } from './adapters/clock.js';
// Autopilot: sessions one after another under the kill switches.
export { runAutopilot, AUTOPILOT_LOG_DIR } from './runtime/autopilot.js';
export type { AutopilotOptions, AutopilotOutcome, AutopilotPlan } from './runtime/autopilot.js';
export {
  AUTOPILOT_DEFAULTS,
  autopilotRunId,
  checkAfter,
  checkBefore,
  clampBounds,
} from './domain/autopilot/kill-switches.js';
export type {
  AfterSession,
  AutopilotBounds,
  BeforeSession,
  KillSwitchTrip,
} from './domain/autopilot/kill-switches.js';
export { policyAsker, terminalAsker } from './adapters/decision-asker.js';

// Machines (pure): the coordinator and the statecharts.
export { Coordinator } from './machines/coordinator.js';
export type { CoordinatorView } from './machines/coordinator.js';
export type { CoordinatorCheckpoint } from './machines/coordinator-checkpoint.js';
export {
  decodeCoordinatorCheckpoint,
  encodeCoordinatorCheckpoint,
} from './adapters/coordinator-checkpoint.codec.js';
export { sessionMachine } from './machines/session.machine.js';
export { waveMachine } from './machines/wave.machine.js';
export { missionMachine, MISSION_EDGES } from './machines/mission.machine.js';
export { agentMachine } from './machines/agent.machine.js';
export { agentIdOf } from './machines/intents.js';
export { chartGraph, eventTriggeredShare } from './machines/chart-graph.js';
export type { ChartGraph, ChartState, ChartTransition } from './machines/chart-graph.js';
export { chartToMermaid, chartToTable } from './machines/chart-mermaid.js';
export { PATCHES, patched } from './machines/patches.js';
export type { PatchId } from './machines/patches.js';
export { ACCEPT_DIVERGENCE_ID } from './machines/divergence.js';
export type { Divergence } from './machines/divergence.js';
export { identityOf, decisionDataOf, AUTHORED_TYPES } from './machines/decision-identity.js';
export { deviationText, whatNotToRetryText } from './domain/wording.js';
export type {
  DeviationCode,
  DeviationFacts,
  DeviationParams,
  NextWave,
  WhatNotToRetryFacts,
} from './domain/wording.js';
export type {
  Intent,
  Effect,
  RunAgentEffect,
  RunGateEffect,
  InspectEffect,
  AskEffect,
} from './machines/intents.js';
export { resolveIsolation, resolveEnforcement } from './domain/isolation.js';

// Budgets (pure): the spend fold and the guard the machines call.
export {
  BudgetLimitSchema,
  BudgetsSchema,
  ModelPriceSchema,
  PricesSchema,
} from './domain/budget/budget.schema.js';
export type {
  BudgetLimit,
  Budgets,
  ModelPrice,
  Prices,
  BudgetScope,
  BudgetMetric,
} from './domain/budget/budget.schema.js';
export {
  initBudgetSpend,
  evolveBudgetSpend,
  foldBudgetSpend,
  usdOfTokens,
} from './domain/budget/spend.fold.js';
export type { BudgetSpendState, ScopeSpend, AgentSpend } from './domain/budget/spend.fold.js';
export { budgetTrip, budgetTripsAfter, spentOf } from './domain/budget/budget-trip.js';
export type { BudgetTrip, SpentFigures } from './domain/budget/budget-trip.js';
export type { ResolvedIsolation, IsolationReason } from './domain/isolation.js';
// Scope enforcement (reference §B4): the manifest's rules, the pre-dispatch overlap check, the
// post-agent verdict, the command guard, the Claude hook's settings and the revert actor.
export { validateWaveScope, READ_ONLY_WAVE_ROLES } from './domain/wave-scope.validate.js';
export type { WaveScopeValidation } from './domain/wave-scope.validate.js';
export {
  waveAllowedPaths,
  widenAllowedPaths,
  unionFileScopes,
  expandTestSiblings,
  testSiblingsFor,
  testSiblingExpansionApplies,
  scopeNotCovered,
  DEFAULT_TEST_SIBLING_RULES,
  TEST_SIBLING_EXPANSION_ROLES,
} from './domain/wave-scope.build.js';
export type { TestSiblingRule } from './domain/wave-scope.build.js';
export {
  findScopeCollisions,
  scopeCollisionMessage,
  scopeCollisionSummary,
} from './domain/scope-collisions.js';
export type {
  TaskScope,
  ScopeCollision,
  ScopeCollisions,
  CollisionKind,
} from './domain/scope-collisions.js';
export { scopeVerdict, ALWAYS_WRITABLE } from './domain/scope-verdict.js';
export type { ScopeVerdict, ScopeVerdictInput, ScopeAction } from './domain/scope-verdict.js';
export { pathMatchesPattern } from './domain/scope-path-match.js';
export {
  commandMatchesBlocked,
  firstBlockedPattern,
  HOOK_FALLBACK_BLOCKED_COMMANDS,
} from './domain/command-guard.js';
export { enforcementInForce } from './domain/enforcement-label.js';
export { decidePreToolUse, hookResponse } from './cli/hook-decision.js';
export type { HookDecision, HookContext, HookManifest } from './cli/hook-decision.js';
export {
  installScopeHook,
  scopeHookCommand,
  scopeHookSettings,
  withScopeHook,
  SCOPE_HOOK_MATCHER,
} from './adapters/claude-settings.js';
export { revertAgentFiles } from './actors/scope-revert.js';
export type { RevertFilesInput, RevertFilesResult } from './actors/scope-revert.js';

// Git and worktree isolation: the actors and the effect handlers the wave machine drives.
export { createWorktreeManager, findSessionWorktrees } from './actors/worktree-manager.js';
export type {
  WorktreeManager,
  WorktreeManagerOptions,
  AgentWorktree,
  FoundWorktree,
  MergeBackOutcome,
  RemovedWorktree,
} from './actors/worktree-manager.js';
export { createIsolationEffects, isIsolationEffect } from './runtime/isolation-effects.js';
export type { IsolationEffects, IsolationEffectDeps } from './runtime/isolation-effects.js';
export type {
  IsolationEffect,
  GitSnapshotEffect,
  WorktreeCreateEffect,
  WorktreeMergeEffect,
  WorktreeCleanupEffect,
  GitAutoCommitEffect,
  RevertFilesEffect,
} from './domain/git.intents.js';

// Event stores and the blob store.
export { createMemoryEventStore } from './adapters/memory-event-store.js';
export type { MemoryEventStoreOptions } from './adapters/memory-event-store.js';
export { createJsonlEventStore } from './adapters/jsonl-event-store.js';
export type { JsonlEventStore, JsonlEventStoreOptions } from './adapters/jsonl-event-store.js';
export { readLogFile, LogReader } from './adapters/jsonl-reader.js';
export type { LogReadOptions } from './adapters/jsonl-reader.js';
export { createBlobStore, createBlobSink, inlineOrBlob, sha256Hex } from './adapters/blob-store.js';
export type { BlobStore, InlineOrBlob } from './adapters/blob-store.js';

// Projections (pure folds + renders) and the projection writer.
export { Projector, projectAt } from './projections/projector.js';
export { allProjections } from './projections/all.projections.js';
export { stateMdProjection } from './projections/state-md/state-md.projection.js';
export { parseStateMd, serializeStateMd } from './formats/frontmatter.codec.js';
export type { StateMdDocument, YamlValue, YamlMapping } from './formats/frontmatter.codec.js';
export {
  readCurrentTask,
  parseMissionStatus,
  readMissionStatus,
  readOpenQuestions,
  readWhatNotToRetry,
} from './formats/state-md.readers.js';
export {
  sessionsJsonlProjection,
  SESSIONS_JSONL_PATH,
} from './projections/sessions-jsonl/sessions-jsonl.projection.js';
export { validateSession, CURRENT_SESSION_SCHEMA_VERSION } from './formats/validate-session.js';
export type { SessionValidation } from './formats/validate-session.js';
export {
  sessionLockProjection,
  serializeLock,
  SESSION_LOCK_PATH,
} from './projections/session-lock.projection.js';
export { parseLock, isLockLive } from './formats/session-lock.liveness.js';
export { eventsJsonlProjection, EVENTS_JSONL_PATH } from './projections/events-jsonl.projection.js';
export { validateEventRecord } from './formats/events-jsonl.validate.js';
export { agentStatusProjection } from './projections/agent-status.projection.js';
export { waveScopeProjection } from './projections/wave-scope.projection.js';
export { foldProgress, evolveProgress } from './projections/progress.view.js';
export type {
  ProgressView,
  SessionProgressState,
  DeviationProgress,
} from './projections/progress.types.js';
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
export { createAgentRunner } from './actors/runners/agent.runner.js';
export type { AgentRunnerOptions } from './actors/runners/agent.runner.js';
export { buildAgentPrompt, turnLimitLine } from './actors/runners/prompt.builder.js';
export type { AgentPromptInput } from './actors/runners/prompt.builder.js';
export {
  parseStatusReport,
  parseStatusLine,
  parseOpenQuestions,
} from './actors/runners/status-line.parser.js';
export type { StatusReport, OpenQuestion } from './actors/runners/status-line.parser.js';
// Live supervision: the loop detectors (docs/supervision.md).
export {
  newLoopWatch,
  observeFact,
  observeFactAll,
  finishLoopWatch,
  factFromToolEvent,
} from './domain/supervision/loop-watch.js';
export { classifyError } from './domain/supervision/error-class.js';
export { textDigest } from './domain/supervision/text-digest.js';
export { turnKey } from './domain/supervision/turn-key.js';
export {
  supervisionPolicy,
  SUPERVISION_DEFAULTS,
} from './domain/supervision/supervision-policy.js';
export type {
  SupervisionConfig,
  SupervisionPolicy,
} from './domain/supervision/supervision-policy.js';
export type {
  LoopPattern,
  LoopVerdict,
  LoopVerdictKind,
  LoopWatchState,
  SpiralRule,
  ToolFact,
  WatchOptions,
} from './domain/supervision/loop-watch.types.js';
export { filesChanged } from './actors/runners/edit-tracker.js';
export type { ToolCallRecord } from './actors/runners/edit-tracker.js';
// The vendor stream parsers and what turns their items into events and an outcome.
export { createStreamParser } from './actors/runners/stream-parser.factory.js';
export { createClaudeStreamParser } from './actors/runners/claude-stream.parser.js';
export { createCodexJsonParser } from './actors/runners/codex-json.parser.js';
export { createGeminiStreamParser } from './actors/runners/gemini-stream.parser.js';
export { createTextParser } from './actors/runners/text.parser.js';
export type { StreamItem, StreamParser } from './actors/runners/stream-item.js';
export { eventOf, DEFAULT_INLINE_LIMIT } from './actors/runners/stream-events.js';
export { RunCollector } from './actors/runners/run-collector.js';
export type { ExitInfo, RunOutcome as AgentRunOutcome } from './actors/runners/run-outcome.js';
export { buildInvocation } from './actors/runners/agent-invocation.js';
export type { AgentInvocation } from './actors/runners/agent-invocation.js';
// The preflight: which programs a plan starts, and whether they are installed.
export { preflightTargets, runPreflight } from './actors/preflight/preflight.js';
export type { PreflightCheck, PreflightTarget } from './actors/preflight/preflight.js';
export { runPool } from './actors/worker-pool.js';
export type {
  PoolJob,
  PoolOptions,
  PoolOutcome,
  PoolResult,
  PoolFailure,
} from './actors/worker-pool.js';
export { runQualityGate } from './actors/quality-gate.js';
// The three gates: baseline at session start, Quality-Lite, Full Gate.
export { runBaseline, runGate } from './actors/gate-run.js';
export type {
  BaselineGate,
  BaselineResult,
  GateRunRequest,
  GateRunResult,
  WaveGateResult,
} from './actors/gate-run.js';
export { expandChanged, gateKindAfterWave, gatePlanFor } from './domain/gate-kinds.js';
export type { GateKind, GatePlan } from './domain/gate-kinds.js';
export { blameOf, baselineNote } from './domain/gate-blame.js';
export type { Blame, BaselineGateState, GateFailureFacts } from './domain/gate-blame.js';
export { buildFixTask, fixErrorContext, fixTaskId } from './domain/fix-context.js';
export type { CorrectiveEntry, FixFailure, FixTask, FixTaskInput } from './domain/fix-context.js';
export { parseSummaryCounts } from './domain/test-counts.js';
export type { GateOutcome, GateCommand, GatePassed, GateFailed } from './actors/quality-gate.js';
export { createGit } from './actors/git.js';
// Carry-over issues through gh / glab.
export { fileCarryoverIssue } from './actors/issue-tracker/issue-tracker.js';
export type { CarryoverRequest, IssueFiling } from './actors/issue-tracker/issue-tracker.js';
export { runFileIssueEffect } from './actors/issue-tracker/file-issue.effect.js';
export type { FileIssueEffect, FileIssueDeps } from './actors/issue-tracker/file-issue.effect.js';
export {
  taskHash,
  carryoverTitle,
  carryoverLabels,
  carryoverBody,
} from './actors/issue-tracker/carryover-issue.js';
export type { CarryoverKind } from './actors/issue-tracker/carryover-issue.js';
export {
  createRedactor,
  secretEnvValues,
  isSecretKeyName,
  REDACTED,
  type Redactor,
  type RedactorOptions,
} from './domain/redact.js';
