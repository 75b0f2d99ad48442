/** Repository-relative paths shared by machines (in messages) and projections (as files). */

/** Directory of the verification-failure diagnostics bundles (reference §B8). */
export const VERIFICATION_FAILURES_DIR = '.orchestrator/metrics/verification-failures';
