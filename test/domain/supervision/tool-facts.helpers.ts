/** Builders of the tool facts the detector tests fold: calls with fresh call ids, and failures. */
import type { ToolFact } from '../../../src/domain/supervision/loop-watch.types.js';

let ids = 0;

/** A call of `tool` with `input` and a fresh call id. */
export const call = (tool: string, input: Record<string, unknown>): ToolFact => ({
  kind: 'call',
  tool,
  input,
  callId: `toolu_${(ids += 1)}`,
});

/** A `Read` of `file`, paged from `offset` (50 lines) when one is given. */
export const read = (file: string, offset?: number): ToolFact =>
  call('Read', offset === undefined ? { file_path: file } : { file_path: file, offset, limit: 50 });

/** An `Edit` of `file` replacing `from` with `to`. */
export const edit = (file: string, from: string, to: string): ToolFact =>
  call('Edit', { file_path: file, old_string: from, new_string: to });

/** A `Bash` call. */
export const bash = (command: string): ToolFact => call('Bash', { command });

/** A failure of the last call made. */
export const fail = (error: string): ToolFact => ({ kind: 'failure', tool: '', error });
