/** Events of the mission aggregate (plan items). */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';
import { MissionStatusSchema } from '../domain/status.js';

/** Mission status transitions. */
export const missionEvents = defineEvents({
  'mission.status_changed': [
    1,
    'A plan item moved along brainstormed → validated → in-dev → testing → completed.',
    z.object({
      id: z.string(),
      from: MissionStatusSchema.nullable(),
      to: MissionStatusSchema,
      reason: z.string(),
    }),
  ],
});
