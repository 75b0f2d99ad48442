/**
 * Test helper: a tiny terminal that understands what the TTY display writes (`\n`, cursor to the
 * start of a previous line `ESC[nF`, clear to the end of the screen `ESC[J`, log-update's erase
 * line `ESC[2K`, cursor up `ESC[nA` and to a column `ESC[nG`, cursor show/hide), so
 * tests can check the screen the user ends up with, not the byte stream.
 */
export class VirtualTerminal {
  readonly lines: string[] = [''];
  row = 0;
  col = 0;
  cursorVisible = true;
  writes = 0;

  /** A sink for the display. */
  readonly sink = { write: (chunk: string) => this.write(chunk) };

  write(chunk: string): boolean {
    this.writes += 1;
    // eslint-disable-next-line no-control-regex
    const re = /\x1b\[([0-9;?]*)([A-Za-z])|\n|[^\x1b\n]+/g;
    for (const m of chunk.matchAll(re)) {
      if (m[0] === '\n') {
        this.row += 1;
        this.col = 0;
        if (this.lines.length <= this.row) this.lines.push('');
      } else if (m[2] !== undefined) {
        this.escape(m[1] ?? '', m[2]);
      } else {
        const line = (this.lines[this.row] ?? '').padEnd(this.col);
        this.lines[this.row] = line.slice(0, this.col) + m[0] + line.slice(this.col + m[0].length);
        this.col += m[0].length;
      }
    }
    return true;
  }

  private escape(arg: string, cmd: string): void {
    if (cmd === 'F') {
      this.row = Math.max(0, this.row - Number(arg || '1'));
      this.col = 0;
    } else if (cmd === 'J') {
      this.lines[this.row] = (this.lines[this.row] ?? '').slice(0, this.col);
      this.lines.length = this.row + 1;
    } else if (cmd === 'K' && arg === '2') {
      this.lines[this.row] = '';
    } else if (cmd === 'A') {
      this.row = Math.max(0, this.row - Number(arg || '1'));
    } else if (cmd === 'G') {
      this.col = Math.max(0, Number(arg || '1') - 1);
    } else if (arg === '?25' && (cmd === 'l' || cmd === 'h')) {
      this.cursorVisible = cmd === 'h';
    } else {
      throw new Error(`unexpected escape sequence ESC[${arg}${cmd}`);
    }
  }

  /** The screen as text (trailing empty line dropped). */
  screen(): string[] {
    // Lines erased below the cursor are blank on a real screen: trailing blanks are not content.
    const out = [...this.lines];
    while (out.length > 0 && out[out.length - 1] === '') out.pop();
    return out;
  }
}

/** A manual scheduler and clock for throttling tests. */
export class ManualTime {
  now = Date.parse('2026-08-22T07:15:00.000Z');
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;

  readonly scheduler = {
    set: (fn: () => void, ms: number): unknown => {
      const id = this.next++;
      this.timers.set(id, { at: this.now + ms, fn });
      return id;
    },
    clear: (handle: unknown): void => {
      this.timers.delete(handle as number);
    },
  };

  /** Number of pending timers. */
  get pending(): number {
    return this.timers.size;
  }

  /** Advances the clock, firing due timers in order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      let due: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) {
        if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
      }
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = Math.max(this.now, due[1].at);
      due[1].fn();
    }
    this.now = end;
  }
}
