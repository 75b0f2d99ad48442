/** Events of worktree isolation: one worktree per agent, merged back after the wave. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

const wave = z.number().int().positive();
const agentId = z.string().min(1);
/** A commit sha (40 hex digits; 64 in SHA-256 repositories). */
const sha = z.string().min(1);

/** Worktree events (the worktree manager reports them). */
export const worktreeEvents = defineEvents({
  'worktree.created': [
    1,
    "An agent's worktree was created from the wave's base commit on its own branch (or found after a restart and reused).",
    z.object({
      wave,
      agentId,
      path: z.string().min(1),
      branch: z.string().min(1),
      base: sha,
      reused: z.boolean(),
    }),
  ],
  'worktree.failed': [
    1,
    "An agent's worktree could not be created: the agent runs in the shared working tree (reference: shared dir + warning).",
    z.object({ wave, agentId, error: z.string() }),
  ],
  'worktree.stale_base': [
    1,
    "HEAD moved away from the wave's base before dispatch: no worktree was created.",
    z.object({ wave, base: sha, head: sha.nullable() }),
  ],
  'worktree.merged': [
    1,
    "An agent's worktree was merged back into the main working tree (uncommitted); commit is the coordinator's commit of the agent's changes on its branch.",
    z.object({
      wave,
      agentId,
      branch: z.string().min(1),
      commit: sha.nullable(),
      files: z.array(z.string()),
    }),
  ],
  'worktree.conflicted': [
    1,
    "An agent's merge-back conflicted: nothing was written, its work stays on its branch; the files become a fix task.",
    z.object({
      wave,
      agentId,
      branch: z.string().min(1),
      commit: sha.nullable(),
      files: z.array(z.string()).min(1),
    }),
  ],
  'worktree.removed': [
    1,
    "An agent's worktree was removed; a dirty one was saved as savedRef first.",
    z.object({
      wave: wave.nullable(),
      agentId,
      path: z.string().min(1),
      savedRef: z.string().nullable(),
      branchDeleted: z.boolean(),
    }),
  ],
});
