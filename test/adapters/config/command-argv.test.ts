import { describe, expect, it } from 'vitest';
import { configCommandArgv, splitCommand } from '../../../src/adapters/config/command-argv.js';

describe('splitCommand', () => {
  it('splits on whitespace', () => {
    expect(splitCommand('  npx   tsc --noEmit ')).toEqual({
      ok: true,
      argv: ['npx', 'tsc', '--noEmit'],
    });
  });
  it('keeps \'…\' literal and "…" with escapes, joining adjacent parts', () => {
    expect(splitCommand(`echo 'a  b' "c \\"d\\" \\\\" --x="y z" e\\ f`)).toEqual({
      ok: true,
      argv: ['echo', 'a  b', 'c "d" \\', '--x=y z', 'e f'],
    });
  });
  it('keeps an empty quoted argument', () => {
    expect(splitCommand(`cmd ''`)).toEqual({ ok: true, argv: ['cmd', ''] });
  });
  it('rejects unterminated quotes and empty commands', () => {
    expect(splitCommand('echo "a')).toEqual({
      ok: false,
      message: 'unterminated " quote in command',
    });
    expect(splitCommand('   ')).toEqual({ ok: false, message: 'must not be empty' });
  });
});

describe('configCommandArgv', () => {
  it('splits plain commands without a shell', () => {
    expect(configCommandArgv('npm run lint')).toEqual({ ok: true, argv: ['npm', 'run', 'lint'] });
    expect(configCommandArgv("grep -q 'a|b' x")).toEqual({
      ok: true,
      argv: ['grep', '-q', 'a|b', 'x'],
    });
  });
  it('runs shell syntax through sh -c', () => {
    for (const cmd of ['npm test && npm run lint', 'echo "$HOME"', 'ls *.ts', 'a | b']) {
      expect(configCommandArgv(cmd)).toEqual({ ok: true, argv: ['sh', '-c', cmd] });
    }
  });
});
