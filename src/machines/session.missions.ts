/**
 * Mission moves proposed by the session: the status is read from each mission's actor (its one
 * owner), and the moves proposed within one decision are remembered only for that decision, so a
 * later move in it starts where the earlier one left the mission. Nothing is written: the actors
 * move when `mission.status_changed` comes back from the log.
 */
import { newEvent } from '../events.js';
import type { MissionStatus } from '../domain/status.js';
import type { Intent } from './intents.js';
import { missionPath } from './mission.machine.js';
import type { SessionContext } from './session.context.js';

/** Proposes mission moves for one decision. */
export class MissionMoves {
  private readonly planned = new Map<string, MissionStatus>();
  readonly intents: Intent[] = [];

  constructor(private readonly ctx: Readonly<SessionContext>) {}

  /** The mission's status, counting the moves this decision already proposed. */
  status(id: string): MissionStatus | undefined {
    const planned = this.planned.get(id);
    if (planned) return planned;
    const ref = this.ctx.missions[id];
    return ref ? ref.getSnapshot().value : undefined;
  }

  /** Proposes the legal moves of a mission through `targets` (illegal ones are not proposed). */
  move(id: string, reason: string, ...targets: MissionStatus[]): this {
    const from = this.status(id);
    if (from === undefined) return this;
    for (const step of missionPath(from, targets)) {
      this.intents.push({
        kind: 'append',
        event: newEvent('mission.status_changed', { id, from: step.from, to: step.to, reason }),
      });
      this.planned.set(id, step.to);
    }
    return this;
  }
}
