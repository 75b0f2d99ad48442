/** Arguments that page through a file: ignored in turn keys (reference §A5). */
export const PAGING_KEYS: readonly string[] = [
  'offset',
  'limit',
  'start_line',
  'end_line',
  'number',
];
