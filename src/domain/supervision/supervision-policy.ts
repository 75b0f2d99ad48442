/**
 * The session's supervision policy (`config: supervision: { on-loop, spiral-rule,
 * silence-seconds }`): what a loop verdict does, and which edit-spiral rule applies. The silence
 * limit resolves into `agentSilenceMs` of the resolved config (the `silence` timer).
 */
import { z } from 'zod';
import type { SpiralRule } from './loop-watch.types.js';

/** `observe`: a verdict is recorded only (the reference's behaviour); `stop`: the agent is ended. */
const OnLoopSchema = z.enum(['observe', 'stop']);
/** The edit-spiral rule (see {@link SpiralRule}). */
const SpiralRuleSchema = z.enum(['default', 'reference']);

/** The resolved config's `supervision` (present only when configured; defaults otherwise). */
export const SupervisionConfigSchema = z.object({
  onLoop: OnLoopSchema.optional(),
  spiralRule: SpiralRuleSchema.optional(),
});

/** Type of {@link SupervisionConfigSchema}. */
export type SupervisionConfig = z.infer<typeof SupervisionConfigSchema>;

/** The effective policy of a session. */
export interface SupervisionPolicy {
  onLoop: z.infer<typeof OnLoopSchema>;
  spiralRule: SpiralRule;
}

/** Defaults: loops stop the agent; the default spiral rule. */
export const SUPERVISION_DEFAULTS: SupervisionPolicy = { onLoop: 'stop', spiralRule: 'default' };

/** The effective supervision policy of a resolved config. */
export function supervisionPolicy(config: { supervision?: SupervisionConfig }): SupervisionPolicy {
  return {
    onLoop: config.supervision?.onLoop ?? SUPERVISION_DEFAULTS.onLoop,
    spiralRule: config.supervision?.spiralRule ?? SUPERVISION_DEFAULTS.spiralRule,
  };
}
