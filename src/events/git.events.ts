/** Events of the coordinator's git work: start ref, snapshots, auto-commits, agents' commits. */
import { z } from 'zod';
import { defineEvents } from './event-definition.js';

const wave = z.number().int().positive();
/** A commit sha (40 hex digits; 64 in SHA-256 repositories). */
const sha = z.string().min(1);

/** One commit as `git log` shows it. */
const commit = z.object({ sha, author: z.string(), subject: z.string() });

/** Git events (the git actor reports them; machines never touch git). */
export const gitEvents = defineEvents({
  'git.start_ref': [
    1,
    "The session's start ref (SESSION_START_REF): HEAD and branch when the session began; change sets and Quality's full diff are computed against it.",
    z.object({ ref: sha.nullable(), branch: z.string().nullable() }),
  ],
  'git.snapshot': [
    1,
    "The coordinator's snapshot of the working tree before a dispatch: a commit of tracked, modified and untracked files under refs/wave/<session>/<label>, the working tree and index left untouched; ref and sha are null when the tree equalled HEAD. `head` is the wave's base.",
    z.object({
      wave,
      label: z.string().min(1),
      head: sha.nullable(),
      ref: z.string().nullable(),
      sha: sha.nullable(),
    }),
  ],
  'git.auto_committed': [
    1,
    'The coordinator committed the wave after its gate passed (auto-commit-per-wave); sha is null when there was nothing to commit. Never the project own files.',
    z.object({ wave, sha: sha.nullable(), files: z.array(z.string()) }),
  ],
  'agent.committed': [
    1,
    'An agent made commits itself (agents must not commit): its commits since the base; agentId is null when the shared working tree does not tell which agent made them.',
    z.object({ wave, agentId: z.string().min(1).nullable(), commits: z.array(commit).min(1) }),
  ],
});
