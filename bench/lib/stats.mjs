// Figures of the benchmarks: min / median / max of repeated samples, and the BENCH line that
// bench/run.mjs collects into its table.

/** `{ min, median, max }` of the samples. */
export function spread(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

const f = (x, digits) => x.toFixed(digits);

/** `median (min–max)` with `digits` decimals. */
export function spreadText(xs, digits = 2) {
  const { min, median, max } = spread(xs);
  return `${f(median, digits)} (min ${f(min, digits)}, max ${f(max, digits)})`;
}

/**
 * Prints a figure against its yardstick: the human line and the BENCH line. `value` and
 * `baseline` are sample arrays (medians compared); `target` like `≤ 1.5`; `limit` the ratio bar.
 * `paired`: sample i of both was taken in the same round, next to each other; the ratio is the
 * median of the per-round ratios (its min–max printed too), which cancels a machine whose speed
 * drifts between rounds (a shared disk's fdatasync latency).
 */
export function report({
  name,
  unit,
  value,
  baseline,
  baselineName,
  limit,
  target,
  digits = 2,
  paired = false,
}) {
  const v = spread(value).median;
  const b = spread(baseline).median;
  const perRound = paired ? spread(value.map((x, i) => x / baseline[i])) : null;
  const ratio = perRound ? perRound.median : v / b;
  const how = perRound
    ? `median of per-round ratios ${ratio.toFixed(2)} (min ${perRound.min.toFixed(2)}, max ${perRound.max.toFixed(2)})`
    : `ratio ${ratio.toFixed(2)}`;
  console.log(
    `${name}: ${spreadText(value, digits)} ${unit} vs ${baselineName}: ${spreadText(baseline, digits)} ${unit} → ${how} (target ${target})`,
  );
  console.log(
    `BENCH ${JSON.stringify({ name, value: +v.toFixed(digits), unit, baseline: +b.toFixed(digits), baselineName, ratio: +ratio.toFixed(2), target, ok: ratio <= limit })}`,
  );
  return ratio;
}

/** Runs the named async cases `rounds` times, alternating their order each round. */
export async function alternate(cases, rounds) {
  const names = Object.keys(cases);
  const out = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? names : [...names].reverse();
    for (const n of order) out[n].push(await cases[n](r));
  }
  return out;
}
