/** Whether a process id is in use on this host (signal 0: nothing is sent). */

/** True when a process with this pid exists on this host (one we may not signal included). */
export function isPidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'EPERM') return true;
    if (code === 'ESRCH') return false;
    throw error;
  }
}
