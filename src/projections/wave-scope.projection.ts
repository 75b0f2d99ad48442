/**
 * `<sd>/wave-scope.json`: the scope manifest the reference's hooks read (allowed paths, blocked
 * commands, enforcement) for the wave in progress. Written at `wave.started`, removed (content null)
 * after the final wave and at session end. Skipped waves write none (the previous manifest stays,
 * as in the reference). Its `allowedPaths` is the wave's (union of the task scopes and their test
 * siblings, see `waveAllowedPaths`), empty for Discovery, and never shrinks while the wave runs: a
 * second `wave.started` of the same wave widens it. Every manifest it writes passes the reference
 * validator (`validateWaveScope`).
 */
import type { DomainEvent, EventOf } from '../events.js';
import { stateDirOf, type Platform } from '../domain/plan.schema.js';
import { widenAllowedPaths } from '../domain/wave-scope.build.js';
import type { Projection, ProjectionOutput } from './projection.js';

/** The reference's built-in blocked-command list, used when `wave.started` carries none. */
export const FALLBACK_BLOCKED_COMMANDS: readonly string[] = [
  'rm -rf',
  'git push --force',
  'DROP TABLE',
  'git reset --hard',
  'git checkout -- .',
];

/** The folded view. */
export interface WaveScopeView {
  platform?: Platform;
  finalWave?: number;
  current?: EventOf<'wave.started'>['data'];
  removed: boolean;
}

/** The manifest body, keys in the reference's order. */
function waveScopeBody(data: EventOf<'wave.started'>['data']): Record<string, unknown> {
  const body: Record<string, unknown> = {
    wave: data.wave,
    role: data.role,
    enforcement: data.enforcement,
    allowedPaths: data.role === 'Discovery' ? [] : data.allowedPaths,
    blockedCommands: data.blockedCommands ?? FALLBACK_BLOCKED_COMMANDS,
  };
  if (data.gates) body.gates = data.gates;
  return body;
}

function evolve(view: WaveScopeView, e: DomainEvent): WaveScopeView {
  switch (e.type) {
    case 'session.started':
      view.platform = e.data.platform;
      break;
    case 'session.planned': {
      const numbers = e.data.plan.waves.map((w) => w.wave);
      if (numbers.length > 0) view.finalWave = Math.max(...numbers);
      break;
    }
    case 'wave.started': {
      const same = view.current?.wave === e.data.wave && !view.removed;
      const allowedPaths = same
        ? widenAllowedPaths(view.current?.allowedPaths ?? [], e.data.allowedPaths)
        : e.data.allowedPaths;
      view.current = { ...e.data, allowedPaths };
      view.removed = false;
      break;
    }
    case 'wave.completed':
    case 'wave.skipped':
      if (view.finalWave !== undefined && e.data.wave >= view.finalWave) view.removed = true;
      break;
    case 'session.completed':
    case 'session.aborted':
      view.removed = true;
      break;
    default:
      break;
  }
  return view;
}

function render(view: WaveScopeView): ProjectionOutput[] {
  // A session that never started a wave never wrote a manifest: it must not delete another's.
  if (!view.platform || !view.current) return [];
  const path = `${stateDirOf(view.platform)}/wave-scope.json`;
  const content = view.removed ? null : `${JSON.stringify(waveScopeBody(view.current), null, 2)}\n`;
  return [{ kind: 'file', path, content }];
}

/** The wave-scope.json projection. */
export const waveScopeProjection: Projection<WaveScopeView> = {
  name: 'wave-scope',
  version: 2,
  handles: [
    'session.started',
    'session.planned',
    'wave.started',
    'wave.completed',
    'wave.skipped',
    'session.completed',
    'session.aborted',
  ],
  init: () => ({ removed: false }),
  evolve,
  render,
};
