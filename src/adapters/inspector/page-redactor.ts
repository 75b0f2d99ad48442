/**
 * What the inspector sends — events, files, state replies, blobs, error messages — passes the
 * project's one redactor (`src/domain/redact.ts`, the rules every logged event passed when it was
 * written) once more before it leaves the server, so a log written before a rule existed, or with
 * a secret the runtime did not know, shows masked anyway. Besides the built-in token shapes it
 * masks the values of this environment's secret-named variables and, in plain data, the value of
 * every secret-named key (`{"GITHUB_TOKEN": "…"}`).
 */
import { createRedactor, type Redactor } from '../../domain/redact.js';

let redactor: Redactor | null = null;

/** The inspector's redactor (built on first use). */
export function pageRedactor(): Redactor {
  redactor ??= createRedactor({ env: process.env, secretKeys: true });
  return redactor;
}
