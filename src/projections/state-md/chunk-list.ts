/**
 * A mutable list of text chunks joined by `\n`, stored in fixed-size blocks that memoise their
 * joined text. Setting a chunk is O(1) and invalidates only its block, so joining after a batch of
 * k changes costs O(k · block size + blocks) instead of O(n): a 10,000-task STATE.md re-renders in
 * time proportional to what changed.
 *
 * `join` fills the memo of dirty blocks; the memo is a cache of a pure function of the chunks (the
 * observable content never changes by reading it).
 */

const BLOCK_SIZE = 128;

interface Block {
  items: string[];
  joined: string | null;
}

/** An append/update-only list of chunks with memoised block joins. */
export class ChunkList {
  #blocks: Block[] = [];
  #length = 0;

  /** Number of chunks. */
  get length(): number {
    return this.#length;
  }

  /** Appends a chunk; returns its index. */
  push(chunk: string): number {
    let block = this.#blocks[this.#blocks.length - 1];
    if (block === undefined || block.items.length === BLOCK_SIZE) {
      block = { items: [], joined: null };
      this.#blocks.push(block);
    }
    block.items.push(chunk);
    block.joined = null;
    return this.#length++;
  }

  /** Replaces the chunk at `index` (which must exist). */
  set(index: number, chunk: string): void {
    const block = this.#blocks[Math.floor(index / BLOCK_SIZE)];
    if (block === undefined || index < 0 || index >= this.#length) {
      throw new RangeError(`chunk index ${index} out of range 0..${this.#length - 1}`);
    }
    block.items[index % BLOCK_SIZE] = chunk;
    block.joined = null;
  }

  /** The chunk at `index`. */
  get(index: number): string | undefined {
    return this.#blocks[Math.floor(index / BLOCK_SIZE)]?.items[index % BLOCK_SIZE];
  }

  /** An independent copy (memoised joins are shared: they are immutable strings). */
  clone(): ChunkList {
    const copy = new ChunkList();
    copy.#blocks = this.#blocks.map((b) => ({ items: b.items.slice(), joined: b.joined }));
    copy.#length = this.#length;
    return copy;
  }

  /** Removes every chunk. */
  clear(): void {
    this.#blocks = [];
    this.#length = 0;
  }

  /**
   * The blocks' joined texts, in order (each the `\n`-join of up to 128 chunks): joining them with
   * `\n` gives {@link ChunkList.join}. A block no change reached since the last call is the same
   * string object as last time, so a consumer can reuse what it derived from it (its UTF-8 bytes).
   */
  blocks(): string[] {
    const out: string[] = [];
    for (const block of this.#blocks) {
      if (block.joined === null) block.joined = block.items.join('\n');
      out.push(block.joined);
    }
    return out;
  }

  /** All chunks joined by `\n` ('' when empty). */
  join(): string {
    let out = '';
    const blocks = this.blocks();
    for (let i = 0; i < blocks.length; i++) {
      out = i === 0 ? (blocks[i] as string) : `${out}\n${blocks[i] as string}`;
    }
    return out;
  }
}
