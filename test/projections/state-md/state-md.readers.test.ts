import { REFERENCE_DIR } from '../../support/reference.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStateMd } from '../../../src/formats/frontmatter.codec.js';
import {
  parseMissionStatus,
  readCurrentTask,
  readMissionStatus,
  readOpenQuestions,
  readWhatNotToRetry,
} from '../../../src/formats/state-md.readers.js';

const GEN = `${REFERENCE_DIR}/generated/state-md`;
const file06 = readFileSync(join(GEN, '06-session-end-completed.md'), 'utf8');
const readback = JSON.parse(
  readFileSync(join(GEN, '06-session-end-completed.readback.json'), 'utf8'),
) as Record<string, unknown>;

describe('STATE.md readers against the 06 readback', () => {
  it('readCurrentTask', () => {
    expect(readCurrentTask(file06)).toEqual(readback.readCurrentTask);
  });
  it('parseMissionStatus', () => {
    expect(parseMissionStatus(parseStateMd(file06)!.frontmatter)).toEqual(
      readback.parseMissionStatus,
    );
  });
  it('readMissionStatus', () => {
    expect(readMissionStatus(file06, 'm-1')).toBe(readback.readMissionStatus_m1);
    expect(readMissionStatus(file06, 'm-3')).toBe(readback.readMissionStatus_m3);
    expect(readMissionStatus(file06, 'm-9')).toBeNull();
  });
  it('readOpenQuestions', () => {
    expect(readOpenQuestions(file06)).toEqual(readback.readOpenQuestions);
  });
  it('readWhatNotToRetry', () => {
    expect(readWhatNotToRetry(file06)).toEqual(readback.readWhatNotToRetry);
  });
});

describe('STATE.md readers on odd input', () => {
  const doc = (body: string): string => `---\nstatus: active\n---\n\n${body}`;

  it('return null / [] on unparseable text', () => {
    expect(readCurrentTask('no frontmatter')).toBeNull();
    expect(readMissionStatus('x', 'm-1')).toBeNull();
    expect(readOpenQuestions('x')).toEqual([]);
    expect(readWhatNotToRetry('x')).toEqual([]);
    expect(parseMissionStatus(null)).toBeNull();
    expect(parseMissionStatus({ 'mission-status': 'x' })).toBeNull();
  });

  it('readCurrentTask without a wave number', () => {
    expect(readCurrentTask(doc('## Current Wave\n\n(idle — no active session)\n'))).toEqual({
      waveNumber: null,
      description: '(idle — no active session)',
    });
    expect(readCurrentTask(doc('## Deviations\n'))).toBeNull();
  });

  it('parseMissionStatus drops invalid entries', () => {
    const fm = {
      'mission-status': [
        { id: 'm-1', status: 'completed' },
        { id: 'M-1', status: 'x' },
        { id: 'm-2', status: '' },
        { id: 'm-3', status: 'in-dev', task: [1] },
        'scalar',
      ],
    };
    expect(parseMissionStatus(fm)).toEqual([{ id: 'm-1', status: 'completed' }]);
  });

  it('readMissionStatus falls back to the legacy first token', () => {
    expect(readMissionStatus(doc('## Mission Status\n\n- m-1: done by hand\n'), 'm-1')).toBe(
      'done',
    );
  });

  it('readOpenQuestions skips malformed bullets and placeholders', () => {
    const body =
      '## Open Questions\n\n(none yet)\n- [ ] no source\n- [ ] Q? (source: W1/a, prio: low)\n';
    expect(readOpenQuestions(doc(body))).toEqual([
      { question: 'Q?', source: 'W1/a', priority: 'low', answered: false },
    ]);
  });

  it('readWhatNotToRetry without a why line', () => {
    const body = '## What Not To Retry\n\n- **A** (s-1, 2026-01-02)\n## Next\n  - why: not this\n';
    expect(readWhatNotToRetry(doc(body))).toEqual([
      { approach: 'A', why_failed: '', session_id: 's-1', date: '2026-01-02' },
    ]);
  });
});
