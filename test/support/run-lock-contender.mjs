// A contender for the run lock, as a real process (issue 8, item 4). Reads commands on stdin, one
// per line: `go <repo>` tries to take the lock and prints `won` or `lost <message>`; `release`
// releases a held lock and prints `released`. Uses the built library (dist/).
import { createInterface } from 'node:readline';
import { acquireRunLock } from '../../dist/runtime/run-lock.js';

let held = null;
const say = (line) => process.stdout.write(`${line}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [cmd, arg] = line.split(' ');
  if (cmd === 'go') {
    try {
      held = await acquireRunLock(arg, `s-${process.pid}`);
      say(`won ${held.tookOver ?? ''}`);
    } catch (error) {
      say(`lost ${error.message}`);
    }
  } else if (cmd === 'release') {
    await held?.release();
    held = null;
    say('released');
  }
}
