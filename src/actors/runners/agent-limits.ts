/**
 * Default limits of every agent run, used when neither the runner (`timeout-ms`) nor the Session
 * Config (`agent-timeout-ms`, `agent-silence-ms`) sets one: a hung or silent agent never blocks a
 * session while its heartbeat keeps the lock fresh.
 */

/** Wall-clock limit of one agent run (1 hour). */
export const DEFAULT_AGENT_TIMEOUT_MS = 60 * 60 * 1000;

/** An agent printing nothing on stdout or stderr for this long is stopped (10 minutes). */
export const DEFAULT_AGENT_SILENCE_MS = 10 * 60 * 1000;
