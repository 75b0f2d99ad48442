/**
 * The `step` action shared by the session and wave machines: it folds the event into the
 * machine's context through a named pure handler and enqueues the intents the handler returns as
 * `intent` actions, so `transition()` hands them out as data.
 *
 * The handler mutates the context in place (the coordinator owns each machine's snapshot and never
 * keeps an old one), and the machine gets a shallow copy as its next context. Copy-on-write (immer)
 * over a context holding per-task records costs a copy of every record per event: measured at
 * 1,000 tasks it made the coordinator 3.5× slower (bench/coordinator.bench.mjs).
 */
import { enqueueActions } from 'xstate';
import type { Intent } from './intents.js';

/** A pure handler: mutates the context it is given, returns intents (or nothing). */
export type StepHandler = (context: never, event: never) => Intent[] | void;

/** Builds the `step` action implementation over a table of named handlers. */
export function reducerStep<H extends Record<string, StepHandler>>(handlers: H) {
  return enqueueActions(({ context, event, enqueue }, params: { handler: keyof H }) => {
    const handler = handlers[params.handler] as unknown as (
      c: unknown,
      e: unknown,
    ) => Intent[] | void;
    const out = handler(context, event) ?? [];
    // Intents leave as plain data that later folds cannot change.
    const intents = out.length === 0 ? out : (JSON.parse(JSON.stringify(out)) as Intent[]);
    enqueue.assign(() => ({ ...(context as object) }) as never);
    for (const intent of intents) enqueue({ type: 'intent', params: intent } as never);
  }) as unknown as (args: unknown, params: { handler: keyof H & string }) => void;
}

/** A `step` action reference with the handler to run. */
export function stepTo<H extends string>(handler: H) {
  return { type: 'step' as const, params: { handler } };
}
