import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events.js';
import type { FileOutput } from '../../src/projections/projection.js';
import {
  FALLBACK_BLOCKED_COMMANDS,
  waveScopeProjection,
} from '../../src/projections/wave-scope.projection.js';
import { validateWaveScope } from '../../src/domain/wave-scope.validate.js';
import { foldRender, rendersAtEachStep } from './event-stamper.js';
import { buildSessionLog } from './session-log.fixture.js';

const REF = join(import.meta.dirname, '../fixtures/reference');
const refJson = (p: string): unknown => JSON.parse(readFileSync(join(REF, p), 'utf8'));

function upTo(log: DomainEvent[], pred: (e: DomainEvent) => boolean): DomainEvent[] {
  const i = log.findIndex(pred);
  return log.slice(0, i + 1);
}

describe('wave-scope.json projection', () => {
  const log = buildSessionLog('completed');

  it('writes the manifest at wave.started with the fallback blocked commands', () => {
    const outs = foldRender(
      waveScopeProjection,
      upTo(log, (e) => e.type === 'wave.started'),
    ) as FileOutput[];
    expect(outs).toHaveLength(1);
    expect(outs[0]?.path).toBe('.claude/wave-scope.json');
    expect(outs[0]?.content).toBe(
      `${JSON.stringify(
        {
          wave: 2,
          role: 'Impl-Core',
          enforcement: 'strict',
          allowedPaths: ['src/a.ts', 'src/b/'],
          blockedCommands: FALLBACK_BLOCKED_COMMANDS,
        },
        null,
        2,
      )}\n`,
    );
    // The fallback list is the reference's (same list as its Discovery manifest fixture).
    expect(FALLBACK_BLOCKED_COMMANDS).toEqual(
      (refJson('generated/wave-scope/wave-scope.discovery.json') as { blockedCommands: string[] })
        .blockedCommands,
    );
    const policy = refJson('copied/policy/blocked-commands.json') as {
      rules: { pattern: string; severity: string }[];
    };
    expect(policy.rules.filter((r) => r.severity === 'block').map((r) => r.pattern)).toEqual(
      expect.arrayContaining(['rm -rf', 'git reset --hard']),
    );
  });

  it('carries a logged policy list and gates, in the reference key order', () => {
    const outs = foldRender(
      waveScopeProjection,
      upTo(log, (e) => e.type === 'wave.started' && e.data.wave === 3),
    ) as FileOutput[];
    const body = JSON.parse(outs[0]?.content ?? '') as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(
      Object.keys(refJson('generated/wave-scope/wave-scope.impl-core.json') as object),
    );
    expect(body).toEqual({
      wave: 3,
      role: 'Quality',
      enforcement: 'warn',
      allowedPaths: ['**/*.test.*'],
      blockedCommands: ['git reset --hard'],
      gates: { 'path-guard': true },
    });
  });

  it('is removed after the final wave and stays removed at session end', () => {
    const steps = rendersAtEachStep(waveScopeProjection, log);
    const lastWave = log.findLastIndex((e) => e.type === 'wave.completed');
    expect((steps[lastWave]?.[0] as FileOutput).content).toBeNull();
    expect((steps[lastWave - 1]?.[0] as FileOutput).content).not.toBeNull();
    expect((steps.at(-1)?.[0] as FileOutput).content).toBeNull();
  });

  it('never touches the manifest when the session started no wave', () => {
    const noWave = log.filter((e) => !e.type.startsWith('wave.'));
    for (const outs of rendersAtEachStep(waveScopeProjection, noWave)) expect(outs).toEqual([]);
  });

  it('writes only manifests the reference validator accepts', () => {
    let written = 0;
    for (const outs of rendersAtEachStep(waveScopeProjection, log)) {
      for (const o of outs as FileOutput[]) {
        if (o.content === null) continue;
        written += 1;
        expect(validateWaveScope(JSON.parse(o.content))).toMatchObject({ errors: [] });
      }
    }
    expect(written).toBeGreaterThan(0);
  });

  it('never shrinks while the wave runs; Discovery stays empty whatever the event says', () => {
    const upToFirst = upTo(log, (e) => e.type === 'wave.started');
    const first = upToFirst.at(-1) as Extract<DomainEvent, { type: 'wave.started' }>;
    const again = {
      ...first,
      seq: first.seq + 1,
      data: { ...first.data, allowedPaths: ['src/c.ts'] },
    };
    const widened = foldRender(waveScopeProjection, [...upToFirst, again]) as FileOutput[];
    expect(JSON.parse(widened[0]?.content ?? '')).toMatchObject({
      allowedPaths: ['src/a.ts', 'src/b/', 'src/c.ts'],
    });
    const discovery = { ...again, data: { ...first.data, role: 'Discovery' as const, wave: 9 } };
    const read = foldRender(waveScopeProjection, [...upToFirst, discovery]) as FileOutput[];
    expect(JSON.parse(read[0]?.content ?? '')).toMatchObject({
      role: 'Discovery',
      allowedPaths: [],
    });
  });
});
