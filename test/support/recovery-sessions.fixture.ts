/** Replay fixtures (c), (d) and (e): spirals, failures, carry-over, gate retries and an abort. */
import { GATES, RUNNERS, task } from './fixture-plan.helpers.js';
import type { FixtureSpec } from './fixture-builder.js';

/** (c) A spiral re-dispatched, a failure turned into a fix task, a partial left at the end. */
export const spiral: FixtureSpec = {
  name: 'spiral-failure-carryover',
  description:
    'feature session, 4 waves; m-2 spirals in wave 2 and is re-dispatched narrowed in wave 3, m-3 fails in wave 2 and gets a fix task in wave 3, m-6 ends partial in the last wave ⇒ completed/carryover with What Not To Retry entries',
  script: {
    session: 'fx-spiral-failure-carryover',
    plan: {
      session: {
        type: 'feature',
        intent: 'Move session storage from cookies to Redis',
        issues: [40],
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
              'Find every read and write of the session cookie',
              ['src/'],
              'list of call sites',
            ),
          ],
        },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-2',
              'Add the Redis session store',
              ['src/session/redis-store.ts'],
              'get/set/destroy against Redis',
            ),
            task(
              'm-3',
              'Switch the session middleware to the store',
              ['src/session/middleware.ts'],
              'no cookie payload left',
            ),
            task(
              'm-4',
              'Add Redis settings to the config schema',
              ['src/config/schema.ts'],
              'REDIS_URL validated',
            ),
          ],
        },
        {
          wave: 3,
          role: 'Impl-Polish',
          tasks: [
            task(
              'm-5',
              'Expire idle sessions after 30 minutes',
              ['src/session/redis-store.ts'],
              'TTL set on every write',
            ),
          ],
        },
        {
          wave: 4,
          role: 'Quality',
          tasks: [
            task(
              'm-6',
              'Integration tests against a Redis container',
              ['test/session.int.test.ts'],
              'tests green in CI',
            ),
          ],
        },
      ],
    },
    agents: {
      'm-2': [{ kind: 'spiral', file: 'src/session/redis-store.ts' }, { kind: 'done' }],
      'm-3': [
        { kind: 'failed', error: 'old_string not found in src/session/middleware.ts' },
        { kind: 'done' },
      ],
      'm-6': [{ kind: 'partial', remaining: 'the expiry test still needs a fake clock' }],
    },
  },
};

/** (d) The Impl-Core gate fails once and the auto-fix agent makes it pass (D2). */
export const gateFixed: FixtureSpec = {
  name: 'gate-fixed-on-retry',
  description:
    'feature session, 3 waves, auto-fix on (max 2 retries); the wave 2 gate fails, a fix agent runs, attempt 2 passes ⇒ D2 deviation, completed/success',
  script: {
    session: 'fx-gate-fixed-on-retry',
    plan: {
      session: { type: 'feature', intent: 'Add pagination to GET /orders', issues: [7] },
      config: { qualityGates: GATES, verificationAutoFix: { enabled: true, maxRetries: 2 } },
      runners: RUNNERS,
      waves: [
        {
          wave: 1,
          role: 'Discovery',
          tasks: [
            task(
              'm-1',
              'Find how list endpoints page today',
              ['src/routes/'],
              'notes in the report',
            ),
          ],
        },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-2',
              'Add cursor pagination to GET /orders',
              ['src/routes/orders.ts', 'src/db/orders.repo.ts'],
              'next cursor returned',
            ),
          ],
        },
        {
          wave: 3,
          role: 'Quality',
          tasks: [
            task(
              'm-3',
              'Test paging across the last page',
              ['test/orders.test.ts'],
              'npm test green',
            ),
          ],
        },
      ],
    },
    gates: { 2: ['fail', 'pass'] },
  },
};

/** (e) The gate never passes; auto-fix runs out and the session aborts. */
export const aborted: FixtureSpec = {
  name: 'aborted-gate-exhausted',
  description:
    'deep session, auto-fix on (max 1 retry); the wave 2 gate fails twice ⇒ gate.exhausted, D3 deviation, session aborted (gate-exhausted)',
  script: {
    session: 'fx-aborted-gate-exhausted',
    plan: {
      session: { type: 'deep', intent: 'Upgrade the ORM to v7', issues: [55] },
      config: { qualityGates: GATES, verificationAutoFix: { enabled: true, maxRetries: 1 } },
      runners: RUNNERS,
      waves: [
        {
          wave: 1,
          role: 'Discovery',
          tasks: [task('m-1', 'List deprecated ORM calls', ['src/db/'], 'call-site list')],
        },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-2',
              'Replace findAll with findMany',
              ['src/db/users.repo.ts'],
              'no deprecated calls',
            ),
            task('m-3', 'Move transactions to the v7 API', ['src/db/tx.ts'], 'typecheck green'),
          ],
        },
        {
          wave: 3,
          role: 'Quality',
          tasks: [
            task('m-4', 'Run the migration test suite', ['test/db.test.ts'], 'npm test green'),
          ],
        },
      ],
    },
    gates: { 2: ['fail'] },
  },
};
