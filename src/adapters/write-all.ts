/** Writes buffers to a file descriptor with `writev`, resuming after short writes. */
import { writevSync } from 'node:fs';

/** At most this many buffers per `writev` call (the usual IOV_MAX). */
const IOV_MAX = 1024;

/** Writes every buffer, in order, at the descriptor's position (one `writev` per 1,024 buffers). */
export function writeAllSync(fd: number, buffers: readonly Buffer[]): void {
  let pending = buffers.filter((b) => b.length > 0);
  while (pending.length > 0) {
    const batch = pending.slice(0, IOV_MAX);
    let done = writevSync(fd, batch);
    if (done === 0) {
      // A regular file never takes nothing without an error (ENOSPC is thrown): do not spin.
      throw Object.assign(new Error('EIO: writev wrote no byte'), { code: 'EIO' });
    }
    let k = 0;
    while (k < batch.length && done >= (batch[k] as Buffer).length) {
      done -= (batch[k] as Buffer).length;
      k += 1;
    }
    pending = pending.slice(k);
    if (done > 0) pending[0] = (pending[0] as Buffer).subarray(done);
  }
}
