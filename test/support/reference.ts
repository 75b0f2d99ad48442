/**
 * The reference project's golden data (a copy of shared/fixtures/reference, so a clone of this
 * repository tests on its own). See test/fixtures/reference/README.md.
 */
import { fileURLToPath } from 'node:url';

/** Absolute path of the reference fixtures directory. */
export const REFERENCE_DIR = fileURLToPath(new URL('../fixtures/reference', import.meta.url));
