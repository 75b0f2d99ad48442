// A coordinator process killed with SIGKILL while its agents work in worktrees (issue 10):
//   node worktree-kill-child.mjs <repo> <session> <base>
// Creates the worktrees of agents a, b and c through the built worktree manager, leaves partial
// work in a and b (c stays clean), then kills itself: nothing is merged or removed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createWorktreeManager } from '../../dist/actors/worktree-manager.js';

const [repo, session, base] = process.argv.slice(2);
const manager = createWorktreeManager({ repo, session });
const signal = new AbortController().signal;
const a = await manager.create(signal, 'w1-a-a1', base);
const b = await manager.create(signal, 'w1-b-a1', base);
await manager.create(signal, 'w1-c-a1', base);
writeFileSync(join(a.path, 'a.txt'), 'partial work of a\n');
writeFileSync(join(b.path, 'b.txt'), 'work of b\n');
process.kill(process.pid, 'SIGKILL');
