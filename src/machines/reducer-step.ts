/**
 * The `step` action shared by the session and wave machines: it folds the event into the
 * machine's context through a named pure handler (on an immer draft) and enqueues the intents the
 * handler returns as `intent` actions, so `transition()` hands them out as data.
 */
import { produce } from 'immer';
import { enqueueActions } from 'xstate';
import type { Intent } from './intents.js';

/** A pure handler: mutates the draft context, returns intents (or nothing). */
export type StepHandler = (draft: never, event: never) => Intent[] | void;

/** Builds the `step` action implementation over a table of named handlers. */
export function reducerStep<H extends Record<string, StepHandler>>(handlers: H) {
  return enqueueActions(({ context, event, enqueue }, params: { handler: keyof H }) => {
    let intents: Intent[] = [];
    const handler = handlers[params.handler] as unknown as (
      d: unknown,
      e: unknown,
    ) => Intent[] | void;
    const next = produce(context as object, (draft) => {
      // Intents leave the draft as plain data (drafts are revoked after produce).
      intents = JSON.parse(JSON.stringify(handler(draft, event) ?? [])) as Intent[];
    });
    enqueue.assign(() => next as never);
    for (const intent of intents) enqueue({ type: 'intent', params: intent } as never);
  }) as unknown as (args: unknown, params: { handler: keyof H & string }) => void;
}

/** A `step` action reference with the handler to run. */
export function stepTo<H extends string>(handler: H) {
  return { type: 'step' as const, params: { handler } };
}
