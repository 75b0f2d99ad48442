/**
 * Reading a YAML or JSON plan file (JSON is parsed by the YAML parser, a superset, so both get
 * line and column for every problem) and checking a raw plan document against the file schema
 * and the cross-field rules.
 */
import { LineCounter, parseDocument } from 'yaml';
import type { Issue } from '../../errors.js';
import { sortIssues } from './issue-list.js';
import { PlanFileSchema, type PlanFile } from './plan-file.schema.js';
import { checkPlanSemantics } from './plan-semantics.js';
import { positionAt, type Locator, yamlLocator } from './source-positions.js';
import { fromZodIssues, planErrorMap } from './zod-issues.js';

/** A plan document read from text, before validation. */
export interface RawPlanDocument {
  /** The document as plain data (`undefined` when the text does not parse). */
  data: unknown;
  locate: Locator;
  issues: Issue[];
}

/** The outcome of checking a plan document. */
export type CheckedPlan = { ok: true; plan: PlanFile } | { ok: false; issues: Issue[] };

/** The first JSON syntax error of `text` as an issue (JSON.parse's message and position). */
function jsonSyntaxIssue(text: string, file: string): Issue | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const pos = positionAt(text, at ? Number(at[1]) : text.length);
    const why = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return { file, line: pos.line, column: pos.column, message: `invalid JSON: ${why}` };
  }
}

/** Parses YAML (or JSON) text into plain data with a locator; syntax errors become issues. */
export function parsePlanText(text: string, file: string): RawPlanDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = yamlLocator(doc, lineCounter);
  const kind = file.toLowerCase().endsWith('.json') ? 'JSON' : 'YAML';
  if (kind === 'JSON') {
    const jsonProblem = jsonSyntaxIssue(text, file);
    if (jsonProblem) return { data: undefined, locate, issues: [jsonProblem] };
  }
  if (doc.errors.length > 0) {
    // One syntax error makes the parser stumble over everything after it (one unquoted `[` gave
    // 64 lines): report the first, at its position, and how many followed.
    const first = doc.errors[0] as (typeof doc.errors)[number];
    const { line, col } = lineCounter.linePos(first.pos[0]);
    const more = doc.errors.length - 1;
    const tail =
      more > 0 ? ` (and ${more} more error(s) after it, most likely caused by this one)` : '';
    const issue: Issue = {
      file,
      line,
      column: col,
      message: `invalid ${kind}: ${first.message.split('\n')[0] ?? ''}${tail}`,
    };
    return { data: undefined, locate, issues: [issue] };
  }
  try {
    return { data: doc.toJS(), locate, issues: [] };
  } catch (error) {
    return {
      data: undefined,
      locate,
      issues: [{ file, message: `invalid ${kind}: ${(error as Error).message}` }],
    };
  }
}

/**
 * Checks a raw plan document: the strict file schema and the cross-field rules, ALL problems
 * reported, sorted by position.
 */
export function checkPlanDocument(data: unknown, file: string, locate: Locator): CheckedPlan {
  if (data === undefined || data === null) {
    return { ok: false, issues: [{ file, line: 1, column: 1, message: 'the plan is empty' }] };
  }
  const parsed = PlanFileSchema.safeParse(data, { error: planErrorMap, reportInput: true });
  const issues = [
    ...(parsed.success ? [] : fromZodIssues(parsed.error.issues, file, locate, PlanFileSchema)),
    ...checkPlanSemantics(data, file, locate),
  ];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues: sortIssues(issues) };
  return { ok: true, plan: parsed.data };
}
