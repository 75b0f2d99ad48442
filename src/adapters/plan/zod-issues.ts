/**
 * Zod → plan issues: one error map giving every zod problem a plain message (schema-level custom
 * messages still win), and the conversion of zod's issues into positioned {@link Issue}s.
 */
import type { z } from 'zod';
import type { Issue } from '../../errors.js';
import { issueAt } from './issue-list.js';
import type { KeyPath, Locator } from './source-positions.js';
import { didYouMean, knownKeysAt } from './did-you-mean.js';

/** A short description of a value for messages: `"abc"`, `3`, `a list`, `a map`, `null`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return String(value);
  }
  return typeof value === 'symbol' ? value.toString() : 'a function';
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a map',
  record: 'a map',
};

/** The error map passed to every plan-file `safeParse`. */
export const planErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined) return 'is required';
      return `expected ${TYPE_NAMES[iss.expected] ?? iss.expected}, got ${describeValue(iss.input)}`;
    case 'invalid_value':
      return `must be one of ${iss.values.map(String).join(', ')}; got ${describeValue(iss.input)}`;
    case 'too_small':
      if (iss.origin === 'string') return 'must not be empty';
      if (iss.origin === 'array') return `must have at least ${String(iss.minimum)} item(s)`;
      return `must be at least ${String(iss.minimum)}; got ${describeValue(iss.input)}`;
    case 'too_big':
      return `must be at most ${String(iss.maximum)}; got ${describeValue(iss.input)}`;
    default:
      return undefined;
  }
};

/**
 * Converts zod issues into positioned issues (one per unknown key, with a "did you mean" when
 * `schema` knows a close key).
 */
export function fromZodIssues(
  issues: readonly z.core.$ZodIssue[],
  file: string,
  locate: Locator,
  schema?: z.ZodType,
): Issue[] {
  const out: Issue[] = [];
  for (const iss of issues) {
    const path = iss.path.filter((p): p is string | number => typeof p !== 'symbol') as KeyPath;
    if (iss.code === 'unrecognized_keys') {
      const known = schema ? knownKeysAt(schema, path) : [];
      for (const key of iss.keys) {
        const hint = didYouMean(key, known);
        out.push(
          issueAt(file, locate, [...path, key], `unknown key ${JSON.stringify(key)}${hint}`, 'key'),
        );
      }
    } else if (iss.code === 'invalid_key') {
      const key = path[path.length - 1];
      out.push(
        issueAt(
          file,
          locate,
          path,
          `invalid name ${JSON.stringify(key)}: ${iss.issues[0]?.message ?? iss.message}`,
          'key',
        ),
      );
    } else {
      out.push(issueAt(file, locate, path, iss.message));
    }
  }
  return out;
}
