/**
 * Shell commands that only read a file (`sed -n 'a,bp' f`, `nl -ba f | sed -n …`, `cat f`,
 * `head -n N f`, also inside `bash -lc '…'`): Codex reads files this way. A cheap prefix check
 * keeps the regexes off every other command.
 */
const SHELL_SED = /^(?:nl -ba (\S+) \| )?sed -n '?(\d+),(\d+)p'?(?: (\S+))?$/;
const SHELL_CAT = /^(?:cat|nl -ba) (\S+)$/;
const SHELL_HEAD = /^(head|tail) -n ?(\d+) (\S+)$/;
const SHELL_WRAP = /^(?:\/bin\/)?(?:ba|z)?sh -l?c (.*)$/s;
/** What a reading command (after unwrapping) starts with. */
const READ_HEADS = ['sed -n ', 'nl -ba ', 'cat ', 'head -n', 'tail -n'];
/** What a `sh -c` wrapper starts with. */
const WRAP_HEADS = ['sh -', 'bash -', 'zsh -', '/bin/'];

function startsWithAny(text: string, heads: readonly string[]): boolean {
  for (let i = 0; i < heads.length; i += 1) if (text.startsWith(heads[i] as string)) return true;
  return false;
}

/** A shell command without a `bash -lc '…'` wrapper (single-quote escapes undone). */
function unwrapShell(command: string): string {
  const trimmed = command.trim();
  const m = startsWithAny(trimmed, WRAP_HEADS) ? SHELL_WRAP.exec(trimmed) : null;
  if (!m) return trimmed;
  const body = (m[1] ?? '').trim();
  if (body.startsWith('"') && body.endsWith('"')) return body.slice(1, -1).trim();
  if (body.startsWith("'") && body.endsWith("'")) {
    return body
      .slice(1, -1)
      .replace(/'"'"'|'\\''/g, "'")
      .trim();
  }
  return body;
}

/**
 * The file and page a shell command reads, when it only reads a file; else undefined.
 */
export function shellRead(command: string): { path: string; page: string } | undefined {
  const c = unwrapShell(command);
  if (c.length > 300 || !startsWithAny(c, READ_HEADS)) return undefined;
  let m = SHELL_SED.exec(c);
  if (m) {
    const path = m[1] ?? m[4];
    return path === undefined ? undefined : { path, page: `${m[2]},${m[3]}` };
  }
  m = SHELL_CAT.exec(c);
  if (m) return { path: m[1] as string, page: '' };
  m = SHELL_HEAD.exec(c);
  if (m) return { path: m[3] as string, page: `${m[1]}${m[2]}` };
  return undefined;
}
