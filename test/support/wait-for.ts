/** Polling for a condition in tests that watch real processes and files. */

/** Waits until `check` holds (polling every 20 ms), failing after `ms`. */
export async function waitFor(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
