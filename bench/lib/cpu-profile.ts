// Sums a V8 .cpuprofile (node --cpu-prof) per function: self time (samples in the function itself) and
// total time (samples with the function anywhere on the stack), largest first.
// `npx node bench/lib/cpu-profile.ts <file.cpuprofile> [rows]` prints the table.
import { readFileSync } from "node:fs";
import { table } from "./stats.ts";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };

export function summariseProfile(profile: Profile, rows = 40) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nameOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.replace(/^.*\/node_modules\//, "").replace(/^file:\/\/.*?\/(apps|packages)\//, "$1/");
    return `${functionName || "(anonymous)"} ${file ? `${file}:${lineNumber + 1}` : ""}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const name = nameOf(node);
    self.set(name, (self.get(name) ?? 0) + 1);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const frameName = nameOf(frame);
      if (seen.has(frameName)) continue;
      seen.add(frameName);
      total.set(frameName, (total.get(frameName) ?? 0) + 1);
    }
  }
  const samples = profile.samples.length || 1;
  const pct = (n: number) => `${((n / samples) * 100).toFixed(1)}%`;
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, rows)
      .map(([fn, n]) => ({ function: fn, share: pct(n), samples: n }));
  return { samples, self: top(self), total: top(total) };
}

if (import.meta.main) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: node bench/lib/cpu-profile.ts <file.cpuprofile> [rows]");
  const summary = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as Profile, Number(process.argv[3] ?? 40));
  process.stdout.write(
    `${summary.samples} samples\n\nSelf time\n${table(summary.self)}\n\nTotal time (on the stack)\n${table(summary.total)}\n`,
  );
}
