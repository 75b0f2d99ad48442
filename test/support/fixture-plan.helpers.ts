/** Shared pieces of the replay fixture plans (see fixture-catalogue.ts). */
import type { DomainEvent } from '../../src/events.js';

/** The runner map of every fixture plan. */
export const RUNNERS = { default: { kind: 'claude' } };
/** Quality gates of every fixture plan. */
export const GATES = [
  { name: 'typecheck', argv: ['npx', 'tsc', '--noEmit'] },
  { name: 'test', argv: ['npm', 'test'] },
];

/** A plan task. */
export function task(id: string, text: string, files: string[], acceptance: string) {
  return { id, task: text, files, acceptance };
}

/** An insertion anchor: the first event of `type` whose data satisfies `pred`. */
export const isType =
  (type: string, pred: (d: Record<string, unknown>) => boolean = () => true) =>
  (e: DomainEvent) =>
    e.type === type && pred(e.data);
