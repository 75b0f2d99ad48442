/** The error class of an error echo (reference §A5): exactly one per repeated error. */
import type { ErrorClass } from '../status.js';

const FRICTION =
  /old_string|string to replace|not found in file|not unique|multiple matches|found \d+ matches|whitespace/;

/** Classifies a repeated error text (exactly one class). */
export function classifyError(error: string): ErrorClass {
  const e = error.toLowerCase();
  if (FRICTION.test(e)) return 'edit-format-friction';
  if (/scope/.test(e) && /(denied|outside|not allowed|violation)/.test(e)) return 'scope-denied';
  if (/command/.test(e) && /(blocked|denied|not allowed)/.test(e)) return 'command-blocked';
  if (/requires approval|permission denied|requested permissions?|haven't granted/.test(e)) {
    return 'command-blocked';
  }
  return 'other';
}
