// Reads a V8 .cpuprofile (node --cpu-prof) and (1) sums self and total time per function, (2) draws a
// flame graph as a standalone SVG (widest = most time; hover a box for its figures).
// `npx node bench/lib/flame.ts <file.cpuprofile> <out.svg> [title]` writes the SVG and prints the top
// functions as a Markdown table.
import { readFileSync, writeFileSync } from "node:fs";
import { relative } from "node:path";
import { root } from "./processes.ts";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; hitCount?: number; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] };

type Tree = { name: string; self: number; total: number; children: Tree[] };

/** "fn (apps/api/src/x.ts:12)", with node_modules paths cut to the package. */
export function frameName(frame: CallFrame): string {
  const name = frame.functionName || "(anonymous)";
  if (!frame.url) return name;
  let file = frame.url.replace(/^file:\/\//, "");
  const modules = file.lastIndexOf("node_modules/");
  file = modules >= 0 ? file.slice(modules + "node_modules/".length) : relative(root, file);
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

export function readProfile(path: string): { tree: Tree; msPerSample: number; samples: number } {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const samples = profile.samples?.length ?? profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0);
  const msPerSample = samples > 0 ? (profile.endTime - profile.startTime) / 1000 / samples : 0;
  const build = (node: ProfileNode): Tree => {
    const children = (node.children ?? []).map((id) => build(byId.get(id) as ProfileNode));
    const self = node.hitCount ?? 0;
    return {
      name: frameName(node.callFrame),
      self,
      total: self + children.reduce((sum, child) => sum + child.total, 0),
      children,
    };
  };
  return { tree: build(profile.nodes[0] as ProfileNode), msPerSample, samples };
}

/** Self and total samples per function (a function seen twice on one stack counts once in total). */
export function perFunction(tree: Tree): { name: string; self: number; total: number }[] {
  const sums = new Map<string, { self: number; total: number }>();
  const walk = (node: Tree, onStack: Set<string>) => {
    const entry = sums.get(node.name) ?? { self: 0, total: 0 };
    entry.self += node.self;
    if (!onStack.has(node.name)) entry.total += node.total;
    sums.set(node.name, entry);
    const next = new Set(onStack).add(node.name);
    for (const child of node.children) walk(child, next);
  };
  walk(tree, new Set());
  return [...sums].map(([name, sums]) => ({ name, ...sums })).sort((a, b) => b.self - a.self);
}

const escapeXml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** A flame graph: the root at the bottom, callees stacked above, width in proportion to samples. */
export function flameSvg(tree: Tree, title: string, msPerSample: number): string {
  const width = 1200;
  const rowHeight = 16;
  const boxes: string[] = [];
  let depthMax = 0;
  const colour = (name: string) => {
    // Ours orange, Node's own yellow, libraries blue, V8's bookkeeping grey.
    if (name.includes("(apps/") || name.includes("(packages/") || name.includes("(bench/")) return "hsl(30,85%,62%)";
    if (name.startsWith("(")) return "hsl(0,0%,75%)";
    if (name.includes("(node:") || !name.includes(" (")) return "hsl(50,80%,65%)";
    return "hsl(200,60%,70%)";
  };
  const place = (node: Tree, x: number, depth: number, scale: number) => {
    const w = node.total * scale;
    if (w < 0.3) return;
    depthMax = Math.max(depthMax, depth);
    const ms = Math.round(node.total * msPerSample);
    const share = ((node.total / tree.total) * 100).toFixed(1);
    const label =
      w > 40
        ? `<text x="${(x + 3).toFixed(1)}" y="${0}" dy="-4">${escapeXml(node.name.slice(0, Math.floor(w / 6.5)))}</text>`
        : "";
    boxes.push(
      `<g data-depth="${depth}"><title>${escapeXml(node.name)}: ${ms} ms, ${share} % (self ${Math.round(node.self * msPerSample)} ms)</title><rect x="${x.toFixed(1)}" y="0" width="${Math.max(0.3, w - 0.5).toFixed(1)}" height="${rowHeight - 1}" fill="${colour(node.name)}"/>${label}</g>`,
    );
    let childX = x;
    for (const child of [...node.children].sort((a, b) => a.name.localeCompare(b.name))) {
      place(child, childX, depth + 1, scale);
      childX += child.total * scale;
    }
  };
  place(tree, 0, 0, width / Math.max(1, tree.total));
  const height = (depthMax + 1) * rowHeight + 40;
  // Each box is drawn at y=0 and moved to its row, so the root sits at the bottom.
  const rows = boxes.map((box) => {
    const depth = Number(/data-depth="(\d+)"/.exec(box)?.[1] ?? 0);
    const y = height - 10 - (depth + 1) * rowHeight;
    return box
      .replace('y="0" width', `y="${y}" width`)
      .replace(/<text x="([\d.]+)" y="0"/, (_match, x) => `<text x="${x}" y="${y + rowHeight - 1}"`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="4" y="16" font-size="14">${escapeXml(title)}</text>`,
    ...rows,
    "</svg>",
    "",
  ].join("\n");
}

if (import.meta.main) {
  const [input, output, title] = process.argv.slice(2);
  if (!input || !output) throw new Error("usage: node bench/lib/flame.ts <file.cpuprofile> <out.svg> [title]");
  const { tree, msPerSample, samples } = readProfile(input);
  writeFileSync(output, flameSvg(tree, title ?? "CPU profile", msPerSample));
  const idle = perFunction(tree).find((row) => row.name === "(idle)")?.self ?? 0;
  const busy = samples - idle;
  process.stdout.write(`${samples} samples, ${Math.round(busy * msPerSample)} ms busy\n\n`);
  process.stdout.write("| function | self ms | self % of busy | total % of busy |\n|---|---|---|---|\n");
  for (const row of perFunction(tree)
    .filter((row) => row.name !== "(idle)" && row.name !== "(root)")
    .slice(0, 25)) {
    process.stdout.write(
      `| \`${row.name}\` | ${Math.round(row.self * msPerSample)} | ${((row.self / busy) * 100).toFixed(1)} | ${((row.total / busy) * 100).toFixed(1)} |\n`,
    );
  }
}
