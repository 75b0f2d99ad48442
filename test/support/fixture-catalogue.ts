/**
 * The replay fixtures of test/fixtures/logs/: one simulator script per recorded session. This is
 * the provenance of those logs (they were generated from here once and are never regenerated).
 */
import { newEvent, type DomainEvent } from '../../src/events.js';
import type { FixtureSpec } from './fixture-builder.js';

const RUNNERS = { default: { kind: 'claude' } };
const GATES = [
  { name: 'typecheck', argv: ['npx', 'tsc', '--noEmit'] },
  { name: 'test', argv: ['npm', 'test'] },
];

function task(id: string, text: string, files: string[], acceptance: string) {
  return { id, task: text, files, acceptance };
}

const isType =
  (type: string, pred: (d: Record<string, unknown>) => boolean = () => true) =>
  (e: DomainEvent) =>
    e.type === type && pred(e.data as Record<string, unknown>);

/** (a) A clean feature session of three waves. */
const happy: FixtureSpec = {
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
const skipped: FixtureSpec = {
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

/** (c) A spiral re-dispatched, a failure turned into a fix task, a partial left at the end. */
const spiral: FixtureSpec = {
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
const gateFixed: FixtureSpec = {
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
const aborted: FixtureSpec = {
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

/** Questions asked and answered, decisions by the user, crash, timeout, never-started agent. */
const journal: FixtureSpec = {
  name: 'questions-crash-timeout',
  description:
    'feature session, 3 waves, decisions answered by the user; an agent raises open questions (one answered later), one crashes and one times out (both get fix tasks), one never starts and is re-dispatched; baseline frozen, docs task, assistant output',
  script: {
    session: 'fx-questions-crash-timeout',
    plan: {
      session: { type: 'feature', intent: 'Add webhook retries with backoff', issues: [88, 89] },
      config: { qualityGates: GATES },
      runners: RUNNERS,
      waves: [
        {
          wave: 1,
          role: 'Discovery',
          tasks: [
            task(
              'm-1',
              'Trace how webhooks are delivered today',
              ['src/webhooks/'],
              'delivery path in the report',
            ),
          ],
        },
        {
          wave: 2,
          role: 'Impl-Core',
          tasks: [
            task(
              'm-2',
              'Add exponential backoff to webhook delivery',
              ['src/webhooks/deliver.ts'],
              '5 retries, capped at 1 h',
            ),
            task(
              'm-3',
              'Persist failed deliveries in a dead-letter table',
              ['src/webhooks/dead-letter.ts'],
              'row per failure',
            ),
            task(
              'm-4',
              'Expose retry counts in the admin API',
              ['src/routes/admin/webhooks.ts'],
              'retries field present',
            ),
          ],
        },
        {
          wave: 3,
          role: 'Quality',
          tasks: [
            task('m-5', 'Test the retry schedule', ['test/webhooks.test.ts'], 'npm test green'),
          ],
        },
      ],
    },
    agents: {
      'm-1': [
        {
          kind: 'done',
          files: [],
          summary: 'delivery is synchronous in deliver.ts',
          questions: ['Should retries survive a restart?', 'Is 1 h the right cap?'],
        },
      ],
      'm-2': [{ kind: 'crash' }, { kind: 'done' }],
      'm-3': [{ kind: 'timeout' }, { kind: 'done' }],
      'm-4': [{ kind: 'never-starts' }, { kind: 'done' }],
    },
    answers: { 'approve-plan': 'approve' },
  },
  insert: [
    {
      after: isType('session.approved'),
      events: [
        newEvent('baseline.frozen', {
          intent: 'Add webhook retries with backoff',
          ownerBoundary: 'src/webhooks/',
          plannedFiles: 4,
        }),
        newEvent('docs_task.recorded', {
          id: 'docs-1',
          audience: 'dev',
          targetPattern: 'docs/webhooks/**/*.md',
          rationale: 'retry policy is new behaviour',
          wave: 3,
          status: 'planned',
        }),
      ],
    },
    {
      after: isType('agent.started', (d) => d.agentId === 'w1-m-1-a1'),
      events: [
        newEvent('agent.output', {
          agentId: 'w1-m-1-a1',
          text: 'Reading src/webhooks/deliver.ts to see where delivery happens.',
        }),
      ],
    },
    {
      after: isType('wave.started', (d) => d.wave === 2),
      events: [
        newEvent('question.answered', {
          question: 'Should retries survive a restart?',
          answer: 'yes, keep them in the dead-letter table',
        }),
      ],
    },
  ],
};

/** The coordinator process died in the middle of wave 2 (no session end in the log). */
const crashed: FixtureSpec = {
  name: 'crashed-mid-wave',
  description:
    'the happy plan cut off in wave 2 after m-2 finished, while the m-3 agent was running (the log of a crashed coordinator): no session end, the lock is still held, STATE.md says active, no sessions.jsonl line',
  script: {
    session: 'fx-crashed-mid-wave',
    plan: happy.script.plan,
    stopAfter: 32,
  },
  unfinished: true,
};

/** Every recorded fixture, in README order. */
export const FIXTURES: readonly FixtureSpec[] = [
  happy,
  skipped,
  spiral,
  gateFixed,
  aborted,
  journal,
  crashed,
];
