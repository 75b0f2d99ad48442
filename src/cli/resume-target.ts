/**
 * Which session `wave resume` continues: the one `--session` names (its stream id or its semantic
 * label), else the most recently active unfinished session of the repository — a fork of an
 * interrupted session is newer than it — with a warning naming the others and how to choose one.
 */
import { join } from 'node:path';
import { createJsonlEventStore } from '../adapters/jsonl-event-store.js';
import { PreconditionError } from '../errors.js';
import { listResumableSessions, type ResumableSession } from '../runtime/resume.js';

const describe = (s: ResumableSession) => `${s.semanticId} (${s.stream}, last event ${s.lastTs})`;

/**
 * The stream to resume, or undefined to let resume find it (no unfinished session: a crash may
 * have left a finished one unprojected). Throws {@link PreconditionError} (exit 2) when
 * `--session` names no unfinished session of the repository.
 */
export async function resumeTarget(
  repo: string,
  asked: string | undefined,
  warn: (message: string) => void,
): Promise<string | undefined> {
  const store = createJsonlEventStore({
    dir: join(repo, '.orchestrator', 'log'),
    validateOnAppend: false,
  });
  const sessions = await listResumableSessions(store);
  if (typeof asked === 'string') {
    const name = asked;
    const found = sessions.find((s) => s.stream === name || s.semanticId === name);
    if (found) return found.stream;
    const known =
      sessions.length === 0
        ? 'it has none'
        : `its interrupted sessions: ${sessions.map(describe).join('; ')}`;
    throw new PreconditionError(
      `--session ${name}: no interrupted session of ${repo} has this id or label (${known})`,
    );
  }
  const [newest, ...others] = sessions;
  if (newest && others.length > 0) {
    warn(
      `${sessions.length} interrupted sessions; resuming the most recently active, ${describe(newest)}; to resume another, pass --session with its label: ${others.map(describe).join('; ')}`,
    );
  }
  return newest?.stream;
}
