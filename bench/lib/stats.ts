/** Latency percentiles (ms) from raw samples. */
export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { p50: at(50), p95: at(95), p99: at(99), max: sorted.at(-1) ?? 0 };
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Runs `task` from `concurrency` workers for `durationMs`; returns ops/s and latency percentiles. */
export async function loop(concurrency: number, durationMs: number, task: (index: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const index = next++;
        const begin = performance.now();
        try {
          await task(index);
          latencies.push(performance.now() - begin);
        } catch {
          errors++;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const p = percentiles(latencies);
  return {
    ops: latencies.length,
    errors,
    perSecond: round(latencies.length / seconds, 0),
    p50: round(p.p50, 2),
    p95: round(p.p95, 2),
    p99: round(p.p99, 2),
  };
}

export function table(rows: Record<string, string | number>[]): string {
  const first = rows[0];
  if (!first) return "";
  const headers = Object.keys(first);
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((row) => String(row[h]).length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [
    line(headers),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map((row) => line(headers.map((h) => String(row[h])))),
  ].join("\n");
}
