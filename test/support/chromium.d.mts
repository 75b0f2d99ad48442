import type { ChildProcess } from 'node:child_process';
import type { BrowserContext } from 'playwright-core';

/** Where Debian's chromium is. */
export declare const CHROMIUM: string;
/** Flags that keep a headless Chromium off the network and quiet. */
export declare const CHROMIUM_ARGS: readonly string[];
/** The URL `wave inspect` prints: origin and token. */
export declare const INSPECT_URL: RegExp;
/** Launches Chromium with a fresh profile (removed on close). */
export declare function launchChromium(options?: {
  viewport?: { width: number; height: number };
  args?: string[];
  deviceScaleFactor?: number;
}): Promise<{ context: BrowserContext; close: () => Promise<void> }>;
/** Starts `wave inspect <args>` and resolves once it printed its URL. */
export declare function startInspectProcess(
  bin: string,
  args: string[],
  options?: { cwd?: string; timeoutMs?: number },
): Promise<{ child: ChildProcess; url: string; origin: string; token: string }>;
