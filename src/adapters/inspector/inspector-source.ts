/**
 * What the inspector serves from: one session log, read and then followed as it grows, its events
 * kept in memory (masked copies for the page, made once per event), the state deriver over them,
 * and the forks of the session found beside it. With a repository instead of a log, the newest log
 * of `.orchestrator/log/` is followed, once there is one (the inspector may start before a session).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DomainEvent } from '../../events.js';
import { LogFollower } from './log-follower.js';
import { pageRedactor } from './page-redactor.js';
import { inspectorCharts, watchedEventTypes, type InspectorChart } from './machine-charts.js';
import { ReplayDeriver } from './state-deriver.js';

/** A session forked from (or into) the inspected one. */
export interface ForkLink {
  file: string;
  session: string;
  at: number;
}

/** Where the log comes from. */
export type SourceTarget = { log: string } | { repo: string };

/** The inspected log, followed. */
export class InspectorSource {
  readonly events: DomainEvent[] = [];
  /** Masked JSON text of each event (index seq - 1), made when first asked for. */
  private readonly masked: (string | undefined)[] = [];
  readonly charts: InspectorChart[] = inspectorCharts();
  readonly deriver = new ReplayDeriver(
    () => this.events,
    undefined,
    256,
    watchedEventTypes(this.charts),
  );
  file: string | null = null;
  error: Error | null = null;
  private follower: LogFollower | null = null;
  private dirTimer: NodeJS.Timeout | null = null;
  private warming = false;
  private stopped = false;
  private readonly listeners = new Set<(events: readonly DomainEvent[]) => void>();
  private readonly fileListeners = new Set<() => void>();

  constructor(private readonly target: SourceTarget) {}

  /** Starts reading (a log given by path must exist). */
  async start(): Promise<void> {
    if ('log' in this.target) {
      await stat(this.target.log);
      await this.follow(this.target.log);
      return;
    }
    const dir = join(this.target.repo, '.orchestrator', 'log');
    const look = async () => {
      const newest = await newestLog(dir);
      if (newest && this.file === null) {
        if (this.dirTimer) clearInterval(this.dirTimer);
        this.dirTimer = null;
        await this.follow(newest);
      }
    };
    await look();
    if (this.file === null) {
      this.dirTimer = setInterval(() => void look().catch((e: Error) => this.fail(e)), 250);
      this.dirTimer.unref();
    }
  }

  private async follow(file: string): Promise<void> {
    this.file = file;
    this.follower = new LogFollower(file, (e) => this.fail(e));
    this.follower.subscribe((batch) => {
      for (const e of batch) this.events.push(e);
      for (const l of this.listeners) l(batch);
      this.warm();
    });
    await this.follower.start();
    for (const l of this.fileListeners) l();
  }

  /** Replays the machines over new events in slices, between requests, so scrubbing is warm. */
  private warm(): void {
    if (this.warming) return;
    this.warming = true;
    const slice = () => {
      const done = this.deriver.advanceMachines(this.deriver.machineSeq + 2000);
      if (done < this.events.length && !this.stopped) setImmediate(slice);
      else this.warming = false;
    };
    setImmediate(slice);
  }

  private fail(error: Error): void {
    this.error = error;
    for (const l of this.fileListeners) l();
  }

  /** Stops following. */
  stop(): void {
    this.stopped = true;
    this.follower?.stop();
    if (this.dirTimer) clearInterval(this.dirTimer);
  }

  /** Subscribes to appended events. */
  onEvents(listener: (events: readonly DomainEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to "the log file was found" and "reading failed". */
  onFile(listener: () => void): () => void {
    this.fileListeners.add(listener);
    return () => this.fileListeners.delete(listener);
  }

  /** The masked JSON of the event `seq`. */
  maskedJson(seq: number): string {
    let text = this.masked[seq - 1];
    if (text === undefined) {
      text = JSON.stringify(pageRedactor().deep(this.events[seq - 1]));
      this.masked[seq - 1] = text;
    }
    return text;
  }

  /** The blob directory of the log. */
  get blobDir(): string | null {
    return this.file ? join(dirname(this.file), 'blobs') : null;
  }

  /** The session this log was forked from, and the sessions forked from it. */
  async forks(): Promise<{ from: ForkLink | null; into: ForkLink[] }> {
    const own = this.events[0]?.session;
    if (!this.file || !own) return { from: null, into: [] };
    const dir = dirname(this.file);
    let from: ForkLink | null = null;
    const mark = this.events.find((e) => e.type === 'session.forked');
    if (mark && mark.type === 'session.forked') {
      const d = mark.data;
      from = { file: join(dir, `${d.fromSession}.jsonl`), session: d.fromSession, at: d.at };
    }
    const into: ForkLink[] = [];
    for (const name of await readdir(dir)) {
      if (!name.endsWith('.jsonl') || join(dir, name) === this.file) continue;
      const text = await readFile(join(dir, name), 'utf8');
      const i = text.indexOf('"type":"session.forked"');
      if (i < 0) continue;
      const line = text.slice(text.lastIndexOf('\n', i) + 1, text.indexOf('\n', i));
      const e = JSON.parse(line) as { session: string; data: { fromSession: string; at: number } };
      if (e.data.fromSession === own) {
        into.push({ file: join(dir, name), session: e.session, at: e.data.at });
      }
    }
    return { from, into };
  }
}

async function newestLog(dir: string): Promise<string | null> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  let best: { file: string; mtime: number } | null = null;
  for (const n of names.filter((x) => x.endsWith('.jsonl'))) {
    const file = join(dir, n);
    const m = (await stat(file)).mtimeMs;
    if (!best || m > best.mtime) best = { file, mtime: m };
  }
  return best ? best.file : null;
}
