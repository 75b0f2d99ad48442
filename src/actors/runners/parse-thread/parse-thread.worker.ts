/**
 * The parse thread: splits the stdout chunks of every open stream into lines and parses them with
 * the stream's vendor parser, exactly as `parsingReader` does in the main thread, and sends the
 * items back. It holds no other state and does no I/O: the main thread reads the agents and keeps
 * everything that decides.
 */
import { parentPort } from 'node:worker_threads';
import { LineSplitter } from '../line-splitter.js';
import { createStreamParser } from '../stream-parser.factory.js';
import type { StreamItem, StreamParser } from '../stream-item.js';
import type { ParseReport, ParseRequest } from './parse-thread.protocol.js';

interface OpenStream {
  readonly splitter: LineSplitter;
  readonly parser: StreamParser;
  items: StreamItem[];
}

/** Items sent in one part at most. */
const PART_ITEMS = 256;

const port = parentPort;
if (port === null) throw new Error('parse-thread.worker.js runs only as a worker thread');
const streams = new Map<number, OpenStream>();

const report = (message: ParseReport): void => port.postMessage(message);

port.on('message', (message: ParseRequest) => {
  switch (message.kind) {
    case 'open': {
      const stream: OpenStream = {
        parser: createStreamParser(message.format),
        items: [],
        splitter: new LineSplitter((line) => {
          const items = stream.parser.line(line);
          for (let i = 0; i < items.length; i += 1) stream.items.push(items[i] as StreamItem);
          // Sent on in parts: items kept for a whole chunk of short lines outlived the thread's
          // young generation and piled up as old garbage.
          if (stream.items.length >= PART_ITEMS) {
            report({ kind: 'items', id: message.id, items: stream.items, chunkDone: false });
            stream.items = [];
          }
        }, message.maxLineBytes),
      };
      streams.set(message.id, stream);
      return;
    }
    case 'chunk': {
      const stream = streams.get(message.id);
      if (stream === undefined)
        throw new Error(`parse thread: chunk for unknown stream ${message.id}`);
      const b = message.bytes;
      stream.splitter.push(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
      report({ kind: 'items', id: message.id, items: stream.items, chunkDone: true });
      stream.items = [];
      return;
    }
    case 'end': {
      const stream = streams.get(message.id);
      if (stream === undefined)
        throw new Error(`parse thread: end of unknown stream ${message.id}`);
      streams.delete(message.id);
      stream.splitter.end();
      const last = stream.parser.end();
      for (let i = 0; i < last.length; i += 1) stream.items.push(last[i] as StreamItem);
      report({
        kind: 'ended',
        id: message.id,
        items: stream.items,
        bounds: stream.splitter.bounds,
      });
      return;
    }
  }
});
