/**
 * The messages between this process and its parse thread (`parse-thread.worker.ts`): streams to
 * open, their stdout chunks (transferred, not copied) and their end; back, the stream items of
 * each chunk (one reply per chunk: it also acknowledges the chunk) and the line bounds at the end.
 */
import type { StreamFormat } from '../../../domain/plan.schema.js';
import type { LineBounds } from '../line-splitter.js';
import type { StreamItem } from '../stream-item.js';

/** Any message the parse thread is sent. */
export type ParseRequest =
  | {
      readonly kind: 'open';
      readonly id: number;
      readonly format: StreamFormat;
      readonly maxLineBytes?: number;
    }
  | { readonly kind: 'chunk'; readonly id: number; readonly bytes: Uint8Array }
  | { readonly kind: 'end'; readonly id: number };

/** Any message the parse thread sends. */
export type ParseReport =
  /**
   * Items of a stream, in order (possibly none). The last report of a chunk has `chunkDone` set
   * (it acknowledges the chunk); a chunk of many lines is reported in several parts.
   */
  | {
      readonly kind: 'items';
      readonly id: number;
      readonly items: StreamItem[];
      readonly chunkDone: boolean;
    }
  /** The stream ended: the items flushed at its end, and its line bounds. */
  | {
      readonly kind: 'ended';
      readonly id: number;
      readonly items: StreamItem[];
      readonly bounds: LineBounds;
    };
