/**
 * The newest texts of one run within a budget of characters (UTF-16 code units): the kept ones
 * are the newest whose lengths add up to at most the budget, or the newest alone when it is
 * longer. They are kept in a ring of code units outside the JS heap, not as strings: a burst of a
 * million short lines would otherwise leave a million strings that each live for the next ~35,000
 * lines, long enough to be promoted and to pile up as old garbage (the coordinator's peak RSS for
 * 1,000,000 lines of agent chatter rose ~40 MB with them). Texts come back exactly as given (lone
 * surrogates too) when asked for, which is once per run.
 */

/**
 * Code units of the first ring (it doubles up to the budget as texts need it): small, since most
 * runs print a few lines (a buffer this size comes from Node's pool).
 */
const FIRST_RING = 256;

/** A character-budgeted window of the newest texts. */
export class TextWindow {
  /** Code units, two bytes each; the kept texts run from `start` for `chars`, wrapping. */
  private ring: Buffer = Buffer.alloc(0);
  private start = 0;
  private chars = 0;
  /** Lengths of the kept texts, oldest first, from `head`. */
  private lengths: number[] = [];
  private head = 0;
  /** The newest text when it alone is longer than the budget (then the ring is empty). */
  private whole: string | undefined;
  private last: string | undefined;

  /** @param budget characters kept at most (but always the newest text) */
  constructor(private readonly budget: number) {}

  /** Adds the newest text; the oldest ones beyond the budget are dropped. */
  push(text: string): void {
    this.last = text;
    this.whole = undefined;
    if (text.length > this.budget) {
      this.start = 0;
      this.chars = 0;
      this.lengths = [];
      this.head = 0;
      this.whole = text;
      return;
    }
    while (this.chars + text.length > this.budget) this.dropOldest();
    this.lengths.push(text.length);
    if (text.length === 0) return;
    this.reserve(this.chars + text.length);
    const size = this.ring.length / 2;
    const at = (this.start + this.chars) % size;
    const first = Math.min(text.length, size - at);
    this.ring.write(first === text.length ? text : text.slice(0, first), at * 2, 'utf16le');
    if (first < text.length) this.ring.write(text.slice(first), 0, 'utf16le');
    this.chars += text.length;
  }

  /** The newest text, if any. */
  lastText(): string | undefined {
    return this.last;
  }

  /** The kept texts, oldest first. */
  texts(): string[] {
    if (this.whole !== undefined) return [this.whole];
    const out: string[] = [];
    let at = this.start;
    for (let i = this.head; i < this.lengths.length; i += 1) {
      const n = this.lengths[i] as number;
      out.push(this.read(at, n));
      at = (at + n) % Math.max(1, this.ring.length / 2);
    }
    return out;
  }

  private read(at: number, n: number): string {
    const size = this.ring.length / 2;
    const first = Math.min(n, size - at);
    const text = this.ring.toString('utf16le', at * 2, (at + first) * 2);
    return first === n ? text : text + this.ring.toString('utf16le', 0, (n - first) * 2);
  }

  private dropOldest(): void {
    const n = this.lengths[this.head] as number;
    this.head += 1;
    this.chars -= n;
    this.start = this.chars === 0 ? 0 : (this.start + n) % (this.ring.length / 2);
    if (this.head > 1024 && this.head * 2 > this.lengths.length) {
      this.lengths = this.lengths.slice(this.head);
      this.head = 0;
    }
  }

  /** Grows the ring (doubling, up to the budget) to hold `need` code units, unwrapped. */
  private reserve(need: number): void {
    const size = this.ring.length / 2;
    if (need <= size) return;
    let next = Math.max(FIRST_RING, size);
    while (next < need) next *= 2;
    const ring = Buffer.allocUnsafe(Math.min(next, this.budget) * 2);
    const first = Math.min(this.chars, size - this.start);
    this.ring.copy(ring, 0, this.start * 2, (this.start + first) * 2);
    if (first < this.chars) this.ring.copy(ring, first * 2, 0, (this.chars - first) * 2);
    this.ring = ring;
    this.start = 0;
  }
}
