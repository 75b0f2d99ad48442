/**
 * The one way a chart's decision leaves it: each intent becomes an `intent` action with the
 * intent as its params, so `transition()` and the coordinator hand them out as data. Intents are
 * copied to plain data first, so later folds of the context cannot change them.
 */
import type { Intent } from './intents.js';

/** Enqueues each intent as an `intent` action. */
export function emitIntents(enqueue: unknown, out: Intent[]): void {
  if (out.length === 0) return;
  const intents = JSON.parse(JSON.stringify(out)) as Intent[];
  const push = enqueue as (action: { type: 'intent'; params: Intent }) => void;
  for (const params of intents) push({ type: 'intent', params });
}

/**
 * The body of a named chart action that proposes what `decide` returns for the context: use as
 * `enqueueActions(fromContext(decide))`.
 */
export function fromContext<C>(decide: (context: C) => Intent[]) {
  return ({ context, enqueue }: { context: C; enqueue: unknown }) =>
    emitIntents(enqueue, decide(context));
}
