/**
 * The reference's wave-scope manifest validator (`scripts/validate-wave-scope.mjs` of
 * session-orchestrator v3.21.0, §B4), as a pure function with its exact messages: `wave` a positive
 * integer; `role` a non-empty string; `enforcement` one of strict|warn|off (required); `allowedPaths`
 * an array of non-empty strings without `../`, absolute entries only as wildcard globs outside a
 * denylist of system/home roots (filesystem roots refused); `**` + `/*` and `*` warn; an empty list warns
 * for a role other than Discovery; `blockedCommands` a required array; `gates` an optional object of
 * booleans. The reference prints each error as `ERROR: <message>` and exits 1.
 */

/** Roles whose empty allowlist is deliberate (nothing may be written). */
export const READ_ONLY_WAVE_ROLES: readonly string[] = ['Discovery'];

const DENIED_TOP_SEGMENTS = new Set([
  'etc',
  'Users',
  'home',
  'root',
  'bin',
  'sbin',
  'usr',
  'System',
  'var',
  'boot',
  'dev',
  'proc',
  'sys',
  'Library',
  'Applications',
  'Windows',
]);

/** The verdict: an empty `errors` means valid. */
export interface WaveScopeValidation {
  errors: string[];
  warnings: string[];
}

const typeName = (v: unknown): string => (v === null ? 'null' : typeof v);
const isReadOnlyRole = (role: string): boolean =>
  READ_ONLY_WAVE_ROLES.some((r) => r.toLowerCase() === role.trim().toLowerCase());
const isFilesystemRoot = (e: string): boolean =>
  e === '/' || e === '\\' || /^[A-Za-z]:\\+$/.test(e);

function validateRequired(o: Record<string, unknown>, errors: string[]): void {
  if (o.wave === null || o.wave === undefined) errors.push('Missing required field: wave');
  else if (typeof o.wave !== 'number' || !Number.isInteger(o.wave) || o.wave <= 0)
    errors.push(`wave must be a positive integer, got: ${JSON.stringify(o.wave)}`);
  if (typeof o.role !== 'string')
    errors.push(`role must be a string, got type: ${typeName(o.role)}`);
  else if (o.role.length === 0) errors.push('role must be a non-empty string');
  if (typeof o.enforcement !== 'string')
    errors.push(`enforcement must be a string, got type: ${typeName(o.enforcement)}`);
  else if (!['strict', 'warn', 'off'].includes(o.enforcement))
    errors.push(`enforcement must be one of: strict, warn, off — got: ${o.enforcement}`);
}

function validateAbsolute(entry: string, errors: string[], warnings: string[]): void {
  if (isFilesystemRoot(entry)) {
    errors.push(
      `allowedPaths grants the entire filesystem root: ${entry} — refused unconditionally, this can never be a valid wave scope`,
    );
    return;
  }
  const top = entry.split('/').filter(Boolean)[0];
  if (top !== undefined && DENIED_TOP_SEGMENTS.has(top)) {
    errors.push(
      `allowedPaths contains a well-known system/home directory grant: ${entry} (top-level segment "${top}" is denylisted) — refused, scope a narrower path instead`,
    );
  } else if (!entry.includes('*')) {
    errors.push(
      `allowedPaths contains a bare absolute file grant with no wildcard: ${entry} — a single concrete out-of-repo file has no established legitimate use in this codebase; scope a glob instead`,
    );
  } else {
    warnings.push(
      `allowedPaths contains an absolute (out-of-repo) path: ${entry} — honoured by hooks/enforce-scope.mjs Gate 5b; verify this grant is intentional`,
    );
  }
}

function validateAllowedPaths(o: Record<string, unknown>, errors: string[], warnings: string[]) {
  if (!('allowedPaths' in o)) {
    errors.push('Missing required field: allowedPaths');
    return;
  }
  const ap = o.allowedPaths;
  if (!Array.isArray(ap)) {
    errors.push(`allowedPaths must be an array, got type: ${typeName(ap)}`);
    return;
  }
  if (
    ap.length === 0 &&
    typeof o.role === 'string' &&
    o.role.trim() !== '' &&
    !isReadOnlyRole(o.role)
  )
    warnings.push(
      `allowedPaths is empty for role "${o.role}" — every write in this wave will be DENIED by hooks/enforce-scope.mjs. Empty is intentional only for a read-only role (${READ_ONLY_WAVE_ROLES.join(', ')}); for a writable role it usually means the coordinator's --union step did not complete. Expected while validating the pre-union skeleton; otherwise re-run --union and rewrite the manifest.`,
    );
  for (const entry of ap as unknown[]) {
    if (typeof entry !== 'string' || entry.length === 0) {
      errors.push('allowedPaths contains empty string');
      continue;
    }
    if (entry.startsWith('/') || isFilesystemRoot(entry)) validateAbsolute(entry, errors, warnings);
    if (entry.includes('../')) errors.push(`allowedPaths contains path traversal: ${entry}`);
    if (entry === '**/*' || entry === '*')
      warnings.push(`allowedPaths contains overly permissive pattern: ${entry}`);
  }
}

function validateGates(o: Record<string, unknown>, errors: string[]): void {
  if (!('gates' in o)) return;
  const g = o.gates;
  if (g === null || typeof g !== 'object' || Array.isArray(g)) {
    errors.push(`gates must be an object, got type: ${Array.isArray(g) ? 'array' : typeName(g)}`);
    return;
  }
  const bad = Object.entries(g as Record<string, unknown>)
    .filter(([, v]) => typeof v !== 'boolean')
    .map(([k]) => k);
  if (bad.length > 0)
    errors.push(`gates values must be booleans, invalid entries: ${bad.join(', ')}`);
}

/** Validates a parsed `wave-scope.json` as the reference does; messages in the reference's order. */
export function validateWaveScope(manifest: unknown): WaveScopeValidation {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    return { errors: ['Input is not valid JSON'], warnings };
  }
  const o = manifest as Record<string, unknown>;
  validateRequired(o, errors);
  validateAllowedPaths(o, errors, warnings);
  if (!('blockedCommands' in o)) errors.push('Missing required field: blockedCommands');
  else if (!Array.isArray(o.blockedCommands))
    errors.push(`blockedCommands must be an array, got type: ${typeName(o.blockedCommands)}`);
  validateGates(o, errors);
  return { errors, warnings };
}
