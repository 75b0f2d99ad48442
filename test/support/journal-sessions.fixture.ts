/** Replay fixtures beyond the five required: journal events and a crashed coordinator. */
import { newEvent } from '../../src/events.js';
import { happy } from './clean-sessions.fixture.js';
import { GATES, RUNNERS, isType, task } from './fixture-plan.helpers.js';
import type { FixtureSpec } from './fixture-builder.js';

/** Questions asked and answered, decisions by the user, crash, timeout, never-started agent. */
export const journal: FixtureSpec = {
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
export const crashed: FixtureSpec = {
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
