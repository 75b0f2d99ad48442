/**
 * `wave inspect --stately URL` (built CLI) forwards the replayed machines to a WebSocket endpoint
 * as XState v5 inspection events through `@statelyai/inspect`: here a local WebSocket server
 * stands in for Stately's viewer (their website, not reachable offline), and receives the actors
 * with their definitions and the snapshots of the session as its events move it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { logPath } from '../replay/fixture-files.js';
import { startInspect, type InspectProcess } from './inspector-process.js';

let inspect: InspectProcess | undefined;
let wss: WebSocketServer | undefined;
afterAll(async () => {
  await inspect?.stop();
  await new Promise((done) => (wss ? wss.close(done) : done(undefined)));
});

interface Msg {
  type: string;
  sessionId: string;
  definition?: string;
  snapshot?: { value?: unknown; status?: string };
  event?: { type: string };
}

describe('wave inspect --stately', () => {
  it('sends actors, events and snapshots of the replayed machines', async () => {
    wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((done) => wss?.once('listening', done));
    const port = (wss.address() as { port: number }).port;
    const got: Msg[] = [];
    const complete = new Promise<void>((done) => {
      wss?.on('connection', (socket) => {
        socket.on('message', (data) => {
          const m = JSON.parse(Buffer.from(data as Buffer).toString('utf8')) as Msg;
          got.push(m);
          if (
            m.type === '@xstate.snapshot' &&
            m.sessionId === 'session' &&
            m.snapshot?.value === 'completed'
          )
            done();
        });
      });
    });
    inspect = await startInspect([logPath('happy-3-waves'), '--stately', `ws://127.0.0.1:${port}`]);
    await complete;
    const session = got.find((m) => m.type === '@xstate.actor' && m.sessionId === 'session');
    expect(JSON.parse(session?.definition ?? '{}')).toMatchObject({
      id: 'session',
      initial: 'idle',
    });
    const values = got
      .filter((m) => m.type === '@xstate.snapshot' && m.sessionId === 'session')
      .map((m) => m.snapshot?.value);
    expect(
      [...new Set(values.map((v) => JSON.stringify(v)))].map((v): unknown => JSON.parse(v)),
    ).toEqual([
      'planning',
      'approving',
      { running: 'waving' },
      { running: 'finishing' },
      'completed',
    ]);
    expect(
      got.filter((m) => m.type === '@xstate.snapshot' && m.sessionId === 'session').at(-1)?.snapshot
        ?.status,
    ).toBe('done');
    expect(got.some((m) => m.type === '@xstate.actor' && m.sessionId.startsWith('agent-'))).toBe(
      true,
    );
    expect(
      got.some(
        (m) =>
          m.type === '@xstate.event' &&
          m.sessionId.startsWith('agent-') &&
          m.event?.type === 'agent.finished',
      ),
    ).toBe(true);
  });
});
