/** Every projection of a session, in the order their files are written. */
import type { Projection } from './projection.js';
import { stateMdProjection } from './state-md/state-md.projection.js';
import { sessionsJsonlProjection } from './sessions-jsonl/sessions-jsonl.projection.js';
import { sessionLockProjection } from './session-lock.projection.js';
import { eventsJsonlProjection } from './events-jsonl.projection.js';
import { agentStatusProjection } from './agent-status.projection.js';
import { waveScopeProjection } from './wave-scope.projection.js';
import { verificationFailuresProjection } from './verification-failures.projection.js';

/** The projections `wave run`, `wave replay` and the inspector maintain. */
export function allProjections(): Projection<unknown>[] {
  return [
    stateMdProjection,
    waveScopeProjection,
    sessionLockProjection,
    agentStatusProjection,
    eventsJsonlProjection,
    sessionsJsonlProjection,
    verificationFailuresProjection,
  ] as Projection<unknown>[];
}
