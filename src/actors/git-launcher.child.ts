/**
 * The git launcher process: a small Node process that runs git commands for the coordinator.
 * Starting a process from a big one costs the big one's event loop time in proportion to its
 * memory (the page tables are copied on fork: 10 ms at 110 MB, 40 ms at 580 MB, measured on
 * Node 20); from here it costs a few milliseconds, off the coordinator's thread. Each request is
 * run with the same in-process runner a launcher-less process uses; it exits when its parent goes.
 */
import { asError } from '../errors.js';
import { runGitHere } from './git-run.js';
import type { LaunchCancel, LaunchReply, LaunchRun } from './git-launcher.protocol.js';

const running = new Map<number, AbortController>();

const reply = (message: LaunchReply): void => {
  process.send?.(message);
};

process.on('message', (message: LaunchRun | LaunchCancel) => {
  if (message.kind === 'cancel') {
    running.get(message.id)?.abort(new Error('cancelled by the coordinator'));
    return;
  }
  const { id, request } = message;
  const stop = new AbortController();
  running.set(id, stop);
  runGitHere(stop.signal, request)
    .then(
      (result) => reply({ id, ok: true, result }),
      (error: unknown) => reply({ id, ok: false, message: asError(error).message }),
    )
    .finally(() => running.delete(id));
});

// The coordinator went away (or closed the channel): nothing is left to serve.
process.on('disconnect', () => process.exit(0));
