/**
 * Building, ordering and printing lists of input problems (`Issue` of src/errors.ts).
 */
import { formatIssue, type Issue } from '../../errors.js';
import { formatKeyPath, type KeyPath, type Locator } from './source-positions.js';

/** Makes an issue for `path` in `file`, placed by `locate` (at the key or at the value). */
export function issueAt(
  file: string,
  locate: Locator,
  path: KeyPath,
  message: string,
  at: 'key' | 'value' = 'value',
): Issue {
  const pos = locate(path, at);
  const issue: Issue = { file, message };
  if (pos) {
    issue.line = pos.line;
    issue.column = pos.column;
  }
  const keyPath = formatKeyPath(path);
  if (keyPath !== '') issue.path = keyPath;
  return issue;
}

/**
 * Orders issues by file (in order of first appearance), then line, then column; issues without a
 * position come first within their file. The sort is stable, so equal positions keep their order.
 */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const fileOrder = new Map<string, number>();
  for (const issue of issues)
    if (!fileOrder.has(issue.file)) fileOrder.set(issue.file, fileOrder.size);
  return [...issues].sort(
    (a, b) =>
      (fileOrder.get(a.file) ?? 0) - (fileOrder.get(b.file) ?? 0) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0),
  );
}

/** One line per issue, `file:line:col: path: message`, in the order given. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map(formatIssue).join('\n');
}
