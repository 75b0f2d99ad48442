/** Events of a forked session: where its log came from. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

/** Provenance of a session made by `wave fork`. */
export const forkEvents = defineEvents({
  'session.forked': [
    1,
    'This session was forked (`wave fork`) from the first `at` events of another session; its log starts with a copy of them.',
    z.object({
      /** Stream id of the session it was forked from. */
      fromSession: z.string().min(1),
      /** Semantic label of that session. */
      fromSemanticId: z.string(),
      /** The last seq copied from it. */
      at: z.number().int().positive(),
      /** The log file it was copied from (absolute, informational). */
      fromFile: z.string(),
      /** The semantic label given to this session (its copied session.started carries it). */
      semanticId: z.string(),
    }),
  ],
});
