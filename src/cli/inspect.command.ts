/**
 * `wave inspect [log | --repo DIR] [--port N] [--open] [--stately [URL]]`: serves the local inspector for a session
 * log (or the newest session of a repository, waiting for one to start) on 127.0.0.1 with a random
 * token in the URL (and, with `--stately`, forwards the machines to Stately's inspector over a
 * WebSocket), until interrupted (Ctrl-C: exit 0). Exit 2 for bad input (no such log, a
 * corrupt log, a bad port).
 */
import { spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { PreconditionError } from '../errors.js';
import { InspectorSource } from '../adapters/inspector/inspector-source.js';
import { startInspectorServer } from '../adapters/inspector/inspector-server.js';
import { repoOption } from './cli-options.js';

function portOf(value: unknown): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new PreconditionError(
      `--port must be an integer 0..65535, got "${JSON.stringify(value)}"`,
    );
  }
  return port;
}

/** Opens a URL in the desktop's browser (argv, no shell); a failure is only reported. */
function openBrowser(url: string): void {
  const argv =
    process.platform === 'darwin'
      ? ['open', url]
      : process.platform === 'win32'
        ? ['cmd', '/c', 'start', '', url]
        : ['xdg-open', url];
  const child = spawn(argv[0] as string, argv.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', (error) =>
    process.stderr.write(
      `wave inspect: could not open a browser (${error.message}); open ${url}\n`,
    ),
  );
  child.unref();
}

/** Runs `wave inspect`; resolves with the exit code once interrupted. */
export async function inspectCommand(
  log: string | undefined,
  opts: Record<string, unknown>,
): Promise<number> {
  const port = portOf(opts.port);
  let target: { log: string } | { repo: string };
  if (log !== undefined) {
    const file = resolve(log);
    const info = await stat(file).catch((error: NodeJS.ErrnoException) => {
      throw new PreconditionError(
        error.code === 'ENOENT' ? `${file}: no such log file` : `${file}: ${error.message}`,
      );
    });
    if (info.isDirectory()) throw new PreconditionError(`${file}: is a directory, not a log file`);
    target = { log: file };
  } else {
    target = { repo: repoOption(opts) };
  }
  const source = new InspectorSource(target);
  await source.start();
  if (source.error) throw source.error;
  const server = await startInspectorServer({ source, port }).catch(
    (error: NodeJS.ErrnoException) => {
      source.stop();
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') {
        throw new PreconditionError(
          `--port ${port}: 127.0.0.1:${port} ${error.code === 'EADDRINUSE' ? 'is already in use' : 'is not allowed for this user'}; choose another port, or leave --port out for a free one`,
        );
      }
      throw error;
    },
  );
  const what = source.file ?? `the next session of ${(target as { repo: string }).repo}`;
  process.stdout.write(
    `wave inspect: ${server.url}\nwave inspect: following ${what}; Ctrl-C stops\n`,
  );
  if (opts.open) openBrowser(server.url);
  let bridge: { stop(): void } | null = null;
  if (opts.stately) {
    const url = typeof opts.stately === 'string' ? opts.stately : 'ws://localhost:8080';
    const { startStatelyBridge } = await import('../adapters/inspector/stately-bridge.js');
    bridge = await startStatelyBridge(source, url);
    process.stdout.write(`wave inspect: forwarding XState inspection events to ${url}\n`);
  }
  return new Promise<number>((done) => {
    const stop = () => {
      bridge?.stop();
      source.stop();
      void server.close().then(() => done(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
