/**
 * The data of `deviation.recorded` (version 2): the wave, the template kind (D1–D6), a code and
 * the code's parameters. No sentence: `deviationText` in `src/domain/wording.ts` renders it.
 */
import { z } from 'zod';
import type { DeviationCode } from '../domain/wording.js';

const wave = z.number().int().nonnegative().nullable();
const kind = z.enum(['D1', 'D2', 'D3', 'D4', 'D5', 'D6']);
const count = z.number().int().nonnegative();
const next = z.object({ wave: z.number().int().positive(), role: z.string() }).nullable();

const variant = <C extends DeviationCode, P extends z.ZodRawShape>(code: C, params: P) =>
  z.object({ wave, kind, code: z.literal(code), params: z.object(params) });

/** Schema of a deviation's data, discriminated on `code`. */
export const DeviationSchema = z.discriminatedUnion('code', [
  variant('dispatch-missing', { planned: count, missing: z.array(z.string()) }),
  variant('edit-not-persisted', {
    agent: z.string(),
    status: z.string(),
    files: z.array(z.string()),
  }),
  variant('autofix-succeeded', { attempts: count, maxRetries: count, gate: z.string() }),
  variant('autofix-exhausted', {
    attempts: count,
    maxRetries: count,
    gate: z.string(),
    bundle: z.string(),
  }),
  variant('carried-over', { taskId: z.string(), status: z.string(), next }),
  variant('spiral-escalated', { taskId: z.string() }),
  variant('spiral-narrowed', { taskId: z.string(), next }),
  variant('fix-task', { taskId: z.string(), status: z.string(), next }),
  variant('dependency-held', { taskId: z.string(), blocker: z.string() }),
  variant('worktree-fallback', { reason: z.string(), agents: count }),
  variant('budget-exceeded', {
    scope: z.enum(['agent', 'wave', 'session']),
    metric: z.enum(['tokens', 'usd', 'minutes']),
    limit: z.number().nonnegative(),
    spent: z.number().nonnegative(),
    subject: z.string(),
  }),
  variant('scope-violation', {
    agent: z.string(),
    taskId: z.string(),
    files: z.array(z.string()),
    mode: z.enum(['strict', 'warn']),
    action: z.enum(['revert', 'keep']),
  }),
  variant('text', { text: z.string() }),
]);
