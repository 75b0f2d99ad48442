/**
 * Bytes of a {@link CoordinatorCheckpoint}: Node's structured serialization (`node:v8`), which
 * keeps what the detectors fold into (Maps, Sets, typed arrays) and what JSON would lose (-0,
 * undefined, NaN). A checkpoint is derived data with its own verification (the log prefix's
 * hash and the code fingerprint); decoding only refuses bytes that are not one.
 */
import { deserialize, serialize } from 'node:v8';
import {
  CHECKPOINT_FORMAT,
  type CoordinatorCheckpoint,
} from '../machines/coordinator-checkpoint.js';

/** The bytes of `cp` (taken at once: its objects are shared with the live actors). */
export function encodeCoordinatorCheckpoint(cp: CoordinatorCheckpoint): Buffer {
  return serialize(cp);
}

/** The checkpoint in `bytes`, or why they are not one. */
export function decodeCoordinatorCheckpoint(bytes: Uint8Array): CoordinatorCheckpoint | string {
  let raw: unknown;
  try {
    raw = deserialize(bytes);
  } catch (error) {
    // node:v8 throws a plain Error for bytes it cannot read (truncated, another format).
    return `its machine state cannot be read (${(error as Error).message})`;
  }
  const cp = raw as Partial<CoordinatorCheckpoint> | null;
  if (typeof cp !== 'object' || cp === null) return 'its machine state is not an object';
  if (cp.format !== CHECKPOINT_FORMAT) return `machine state format ${String(cp.format)}`;
  const ok =
    typeof cp.session === 'object' &&
    cp.session !== null &&
    (cp.currentWave === null || Number.isInteger(cp.currentWave)) &&
    Array.isArray(cp.agentWave) &&
    Array.isArray(cp.pendingAppends) &&
    Array.isArray(cp.openEffects) &&
    Number.isInteger(cp.accepted) &&
    typeof cp.spend === 'object' &&
    Array.isArray(cp.divergences);
  return ok ? (cp as CoordinatorCheckpoint) : 'its machine state lacks fields';
}
