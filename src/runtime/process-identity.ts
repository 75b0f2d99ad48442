/**
 * Which process a pid is: alive, and still the process that was recorded (a pid is reused once
 * its process is gone). On Linux the identity is the start time of `/proc/<pid>/stat` (field 22,
 * clock ticks since boot); elsewhere only liveness can be told.
 */
import { readFileSync } from 'node:fs';

/** The start time of a process (`/proc/<pid>/stat` field 22), or null when it cannot be read. */
export function processStartTime(pid: number): string | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ESRCH' || code === 'EACCES') return null;
    throw error;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields[19] ?? null; // field 22 is the 20th after the name
}

/** True when a process with this pid exists (EPERM: it exists, owned by someone else). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when `pid` is alive and, if a start time was recorded, is still the same process. Without a
 * start time (other platforms, older logs) a live pid counts as the same process.
 */
export function isSameProcess(pid: number, startTime: string | null | undefined): boolean {
  if (!pidAlive(pid)) return false;
  if (!startTime) return true;
  const now = processStartTime(pid);
  return now === null || now === startTime;
}
