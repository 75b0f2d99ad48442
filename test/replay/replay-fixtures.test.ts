/**
 * Every recorded log replays (validated) into all projections and reproduces its golden files
 * byte for byte, twice over; the machines replay it without a divergence; sessions.jsonl lines
 * satisfy the reference validator; STATE.md frontmatter is a fixpoint of its serializer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeEvent } from '../../src/adapters/jsonl-serialize.js';
import type { DomainEvent } from '../../src/events.js';
import { Coordinator } from '../../src/machines/coordinator.js';
import { parseStateMd, serializeStateMd } from '../../src/formats/frontmatter.codec.js';
import { validateSession } from '../../src/formats/validate-session.js';
import { validateEventRecord } from '../../src/formats/events-jsonl.validate.js';
import { FIXTURES } from '../support/fixture-catalogue.js';
import { filesUnder, goldenPath, logPath, readLog, renderInto, tempDir } from './fixture-files.js';

const text = (files: Map<string, Buffer>) =>
  Object.fromEntries([...files].map(([p, b]) => [p, b.toString('utf8')]));

describe.each(FIXTURES.map((f) => [f.name, f] as const))('replay fixture %s', (name, spec) => {
  it('is stored exactly as the JSONL store writes events (and reads, upcast, as valid events)', async () => {
    const raw = fs.readFileSync(logPath(name), 'utf8');
    const events = await readLog(logPath(name));
    expect(raw.endsWith('\n')).toBe(true);
    // As written: each line is the store's serialization of the record it holds (at the version
    // it was written with); read back, every record validates at the current version.
    const records = raw
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as DomainEvent);
    expect(records.map(serializeEvent).join('')).toBe(raw);
    expect(events).toHaveLength(records.length);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.session))).toEqual(new Set([spec.script.session]));
  });

  it('renders its golden files byte for byte, and the same bytes on a second replay', async () => {
    const golden = filesUnder(goldenPath(name));
    expect(golden.size).toBeGreaterThan(0);
    const first = tempDir('replay-a-');
    const second = tempDir('replay-b-');
    renderInto(await readLog(logPath(name)), first);
    renderInto(await readLog(logPath(name)), second);
    const a = filesUnder(first);
    const b = filesUnder(second);
    expect(text(a)).toEqual(text(golden));
    expect([...a.keys()]).toEqual([...golden.keys()]);
    for (const [p, bytes] of golden) {
      expect(Buffer.compare(a.get(p) as Buffer, bytes), p).toBe(0);
      expect(Buffer.compare(b.get(p) as Buffer, bytes), p).toBe(0);
    }
  });

  it('replays through the machines with no divergence', async () => {
    const events = await readLog(logPath(name));
    const c = new Coordinator();
    for (const e of events) c.apply(e);
    // Every logged decision is one the machines take again. (A proposal a newer machine adds on
    // top of an old log, e.g. an extra deviation, is not a divergence; it is not asserted here.)
    expect(c.divergences).toEqual([]);
    if (spec.unfinished) {
      expect(c.finished).toBe(false);
      // Exactly the agent that was running at the crash is still open.
      const running = events.filter((e) => e.type === 'agent.dispatched').map((e) => e.data);
      const ended = new Set(
        events
          .filter((e) => e.type === 'agent.finished' || e.type === 'agent.crashed')
          .map((e) => (e.data as { agentId: string }).agentId),
      );
      const open = running.filter((d) => !ended.has((d as { agentId: string }).agentId));
      expect(c.pendingEffects().map((e) => e.key)).toEqual(
        open.map((d) => `agent:${(d as { agentId: string }).agentId}`),
      );
    } else {
      expect(c.finished).toBe(true);
      expect(c.pendingEffects()).toEqual([]);
      // Nothing the machines decide now is missing from the log (no silent non-determinism).
      expect(c.pendingEvents()).toEqual([]);
      const last = events.at(-1)?.type;
      expect(['session.completed', 'session.aborted']).toContain(last);
    }
  });

  it('has sessions.jsonl lines the reference validator accepts (one per finished session)', () => {
    const file = path.join(goldenPath(name), '.orchestrator/metrics/sessions.jsonl');
    if (spec.unfinished) {
      expect(fs.existsSync(file)).toBe(false);
      return;
    }
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(1);
    for (const line of lines) {
      const verdict = validateSession(JSON.parse(line));
      expect(verdict, line).toMatchObject({ ok: true });
    }
  });

  it('has events.jsonl lines the reference event validator accepts', () => {
    const file = path.join(goldenPath(name), '.orchestrator/metrics/events.jsonl');
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toContain('"event":"orchestrator.session.started"');
    for (const line of lines)
      expect(validateEventRecord(JSON.parse(line)), line).toEqual({ valid: true, errors: [] });
  });

  it('writes a STATE.md whose frontmatter is a fixpoint of the reference serializer', () => {
    const stateMd = fs.readFileSync(path.join(goldenPath(name), '.claude/STATE.md'), 'utf8');
    const doc = parseStateMd(stateMd);
    expect(doc).not.toBeNull();
    expect(serializeStateMd(doc!)).toBe(stateMd);
  });
});

describe('replay fixtures: expected outcomes', () => {
  const golden = (name: string, rel: string) =>
    fs.readFileSync(path.join(goldenPath(name), rel), 'utf8');
  const record = (name: string) =>
    JSON.parse(golden(name, '.orchestrator/metrics/sessions.jsonl')) as Record<string, unknown>;

  it('records the outcome, status and counts each session ended with', () => {
    expect(record('happy-3-waves')).toMatchObject({
      status: 'completed',
      outcome: 'success',
      total_waves: 3,
      agent_summary: { complete: 4, partial: 0, failed: 0, spiral: 0 },
    });
    expect(record('wave-skipped').waves).toContainEqual({
      wave: 1,
      role: 'Discovery',
      agent_count: 0,
      files_changed: 0,
      quality: 'skip',
    });
    expect(record('spiral-failure-carryover')).toMatchObject({
      outcome: 'carryover',
      agent_summary: { complete: 5, partial: 1, failed: 1, spiral: 1 },
      total_agents: 8,
      effectiveness: { planned_issues: 6, completed: 5, carryover: 1 },
    });
    expect(record('aborted-gate-exhausted')).toMatchObject({
      outcome: 'aborted',
      abort_cause: 'gate-exhausted',
      total_waves: 1,
    });
    expect(record('aborted-gate-exhausted')).not.toHaveProperty('status');
    expect(record('questions-crash-timeout')).toMatchObject({
      open_questions_asked: 2,
      open_questions_answered: 1,
      open_questions_deferred: 1,
      agent_summary: { complete: 5, partial: 0, failed: 3, spiral: 0 },
    });
    expect(golden('gate-fixed-on-retry', '.claude/STATE.md')).toMatch(
      /\] Wave 2 auto-fix succeeded after 2 attempts \(max-retries config: 2\)\. Failed gate\(s\): test\. Final pass on attempt 2\.\n/,
    );
    expect(golden('aborted-gate-exhausted', '.claude/STATE.md')).toMatch(
      /^status: paused\ncurrent-wave: 1$/m,
    );
    expect(golden('crashed-mid-wave', '.claude/STATE.md')).toMatch(
      /^status: active\ncurrent-wave: 1$/m,
    );
    expect(JSON.parse(golden('crashed-mid-wave', '.orchestrator/session.lock'))).toMatchObject({
      session_id: 'fx-crashed-mid-wave',
      mode: 'feature',
    });
    expect(golden('questions-crash-timeout', '.claude/STATE.md')).toContain(
      '- Agent "Add exponential backoff to webhook delivery": failed — 0 files — crashed (exit 1): Error: boom\n',
    );
  });
});
