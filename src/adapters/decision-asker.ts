/**
 * How decision points are answered: in the terminal when a person is there, else by the
 * documented default policy. Either way the answer becomes a logged `decision.made` event.
 */
import { createInterface } from 'node:readline/promises';
import type { DecisionAsker } from '../ports.js';

/** Answers every decision with its documented default (`--yes`, no TTY, embedding hosts). */
export const policyAsker: DecisionAsker = async (question) => ({
  answer: question.default,
  by: 'policy',
});

/** Asks on a terminal; an empty answer takes the default; an unknown answer asks again. */
export function terminalAsker(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): DecisionAsker {
  return async (question, signal) => {
    const rl = createInterface({ input, output, terminal: true });
    try {
      for (;;) {
        const options = question.options
          .map((o) => (o === question.default ? `[${o}]` : o))
          .join('/');
        const raw = (await rl.question(`\n? ${question.prompt} (${options}) `, { signal })).trim();
        if (raw === '') return { answer: question.default, by: 'user' };
        const hit = question.options.find((o) => o.toLowerCase() === raw.toLowerCase());
        if (hit) return { answer: hit, by: 'user' };
        output.write(`  please answer one of: ${question.options.join(', ')}\n`);
      }
    } finally {
      rl.close();
    }
  };
}
