/** The reference's readable turn key (reference §A5), for display and the public API. */
import { PAGING_KEYS } from './paging-keys.js';

function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** `<tool>:<args>` with the paging arguments stripped (the detectors compare its digest). */
export function turnKey(call: { tool: string; input: Record<string, unknown> }): string {
  const stripped: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.input)) if (!PAGING_KEYS.includes(k)) stripped[k] = v;
  return `${call.tool}:${stable(stripped)}`;
}
