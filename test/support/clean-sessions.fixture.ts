/** Replay fixtures (a) and (b): sessions that run clean. */
import { GATES, RUNNERS, task } from './fixture-plan.helpers.js';
import type { FixtureSpec } from './fixture-builder.js';

/** (a) A clean feature session of three waves. */
export const happy: FixtureSpec = {
  name: 'happy-3-waves',
  description:
    'feature session, 3 waves (Discovery, Impl-Core, Quality), every agent done, every gate green ⇒ completed/success',
  script: {
    session: 'fx-happy-3-waves',
    plan: {
      session: {
        type: 'feature',
        intent: 'Add per-client rate limiting to the public API',
        issues: [12],
      },
      config: { qualityGates: GATES },
      runners: RUNNERS,
      waves: [
        {
          wave: 1,
          role: 'Discovery',
          tasks: [
            task(
              'm-1',
              'Map the public routes and their handlers',
              ['src/routes/'],
              'route inventory in the report',
            ),
          ],
        },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-2',
              'Add the token-bucket rate-limit middleware',
              ['src/middleware/rate-limit.ts'],
              'requests over the limit get 429',
            ),
            task(
              'm-3',
              'Read rate limits per client from the config',
              ['src/config/limits.ts'],
              'limits load from config.yaml',
            ),
          ],
        },
        {
          wave: 3,
          role: 'Quality',
          tasks: [
            task(
              'm-4',
              'Test the middleware at and over the limit',
              ['test/rate-limit.test.ts'],
              'npm test green',
            ),
          ],
        },
      ],
    },
    agents: {
      'm-2': [{ kind: 'done', tools: 3, summary: 'middleware added and wired into the router' }],
    },
  },
};

/** (b) Discovery has nothing to do and is skipped. */
export const skipped: FixtureSpec = {
  name: 'wave-skipped',
  description:
    'feature session, 4 waves; the Discovery wave has no tasks and is skipped, the other three run clean ⇒ completed/success',
  script: {
    session: 'fx-wave-skipped',
    plan: {
      session: { type: 'feature', intent: 'Export invoices as CSV', issues: [31, 32] },
      config: { qualityGates: GATES },
      runners: RUNNERS,
      waves: [
        { wave: 1, role: 'Discovery', tasks: [] },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-1',
              'Add the CSV serializer for invoices',
              ['src/export/csv.ts'],
              'RFC 4180 quoting',
            ),
            task(
              'm-2',
              'Add GET /invoices/export.csv',
              ['src/routes/invoices.ts'],
              'returns text/csv',
            ),
          ],
        },
        {
          wave: 3,
          role: 'Impl-Polish',
          tasks: [
            task(
              'm-3',
              'Stream large exports instead of buffering',
              ['src/export/csv.ts'],
              'memory flat on 100k rows',
            ),
          ],
        },
        {
          wave: 4,
          role: 'Quality',
          tasks: [
            task(
              'm-4',
              'Test CSV quoting and the export route',
              ['test/export.test.ts'],
              'npm test green',
            ),
          ],
        },
      ],
    },
  },
};
