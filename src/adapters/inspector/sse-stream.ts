/**
 * The log over Server-Sent Events: the history first (in batches, each with `id:` = its last seq,
 * so a reconnecting EventSource resumes after `Last-Event-ID`), then a `caught-up` event, then
 * live batches as the log grows. A comment line every 15 s keeps proxies and idle timers quiet.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { InspectorSource } from './inspector-source.js';

const BATCH = 1000;

/** Streams the events after `after` (from Last-Event-ID or `?after=`) to one client. */
export function streamEvents(
  req: IncomingMessage,
  res: ServerResponse,
  source: InspectorSource,
  after: number,
  meta: () => Promise<unknown>,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  res.write('retry: 1000\n\n');
  let sent = Math.max(0, after);
  let caughtUp = false;
  const send = (event: string, data: string, id?: number) => {
    res.write(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${data}\n\n`);
  };
  const flush = () => {
    const total = source.events.length;
    while (sent < total) {
      const end = Math.min(total, sent + BATCH);
      const parts: string[] = [];
      for (let s = sent + 1; s <= end; s++) parts.push(source.maskedJson(s));
      send('events', `[${parts.join(',')}]`, end);
      sent = end;
    }
    if (!caughtUp && source.file !== null) {
      caughtUp = true;
      send('caught-up', JSON.stringify({ seq: sent }));
    }
  };
  const sendMeta = () =>
    void meta().then(
      (m) => send('meta', JSON.stringify(m)),
      (error: Error) => send('problem', JSON.stringify({ message: error.message })),
    );
  sendMeta();
  flush();
  const offEvents = source.onEvents(() => {
    // The page names the session from its first event: a file found before its first event was
    // read gave a meta without it, so the meta goes again once that event is here.
    const hadNone = sent === 0;
    flush();
    if (hadNone && sent > 0) sendMeta();
  });
  const offFile = source.onFile(() => {
    sendMeta();
    flush();
  });
  const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
  req.on('close', () => {
    clearInterval(ping);
    offEvents();
    offFile();
  });
}
