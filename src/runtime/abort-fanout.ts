/**
 * One abort listener for many children. Every agent of a session used to add its own `abort`
 * listener to the session's signal (Node warns past 10: `MaxListenersExceededWarning`); instead
 * each agent gets a child controller of its own, and one listener on the parent aborts every live
 * child. A child is dropped when its agent ends, so nothing accumulates over a long session.
 */

/** Hands out child signals of `parent` (one parent listener in all). */
export class AbortFanout {
  private readonly live = new Set<AbortController>();

  constructor(private readonly parent: AbortSignal) {
    if (!parent.aborted) {
      parent.addEventListener(
        'abort',
        () => {
          for (const c of this.live) c.abort(parent.reason);
          this.live.clear();
        },
        { once: true },
      );
    }
  }

  /** A new child signal: aborted now if the parent is, else when the parent aborts. */
  child(): AbortController {
    const c = new AbortController();
    if (this.parent.aborted) c.abort(this.parent.reason);
    else this.live.add(c);
    return c;
  }

  /** Forgets a child whose work is over. */
  release(c: AbortController): void {
    this.live.delete(c);
  }

  /** Number of live children (for tests). */
  get size(): number {
    return this.live.size;
  }
}
