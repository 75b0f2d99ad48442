/**
 * A read-only picture of the actor tree: the state of the session, the current wave, every
 * mission and every agent run, as state names (`running.waving`). For status displays, the
 * inspector and tests; derived from the actors' snapshots, never stored.
 */
import type { AnyActorRef } from 'xstate';
import type { SessionContext } from './session.context.js';

/** A read-only picture of the machines, for status displays and the inspector. */
export interface CoordinatorView {
  session: string;
  wave: { number: number; state: string } | null;
  missions: Record<string, string>;
  agents: Record<string, string>;
}

/** A state value as a name: `running.waving`; parallel regions joined by commas. */
export const stateName = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => `${k}.${stateName(v)}`)
        .join(',');

const valueOf = (a: AnyActorRef) => stateName((a.getSnapshot() as { value: unknown }).value);

/** The picture of a session actor whose context is `ctx`, with `currentWave` the wave in play. */
export function viewOf(
  session: string,
  ctx: Readonly<SessionContext>,
  currentWave: number | null,
): CoordinatorView {
  const agents: Record<string, string> = {};
  for (const ref of Object.values(ctx.waves)) {
    for (const a of ref.getSnapshot().context.agents) agents[a.agentId] = valueOf(a.ref);
  }
  const wave = currentWave === null ? undefined : ctx.waves[currentWave];
  return {
    session,
    wave: wave && currentWave !== null ? { number: currentWave, state: valueOf(wave) } : null,
    missions: Object.fromEntries(Object.entries(ctx.missions).map(([k, r]) => [k, valueOf(r)])),
    agents,
  };
}
