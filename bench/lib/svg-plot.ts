// Line charts as plain SVG (no dependency): one panel per chart, stacked, each with its axes, ticks and
// a legend. Used by bench/soak.ts for docs/perf/soak.svg.

export type Series = { name: string; points: [number, number][] };
export type Panel = { title: string; yLabel: string; series: Series[] };

const WIDTH = 900;
const PANEL_HEIGHT = 260;
const MARGIN = { left: 70, right: 190, top: 34, bottom: 40 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"];

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A "nice" step for about `count` ticks over `span` (1, 2 or 5 times a power of ten). */
function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

const label = (value: number) =>
  Math.abs(value) >= 100 || Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1);

function panel(chart: Panel, top: number, xMax: number, xLabel: string): string {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const ys = chart.series.flatMap((series) => series.points.map(([, y]) => y));
  const yStep = niceStep(Math.max(...ys, 1), 5);
  const yMax = Math.max(yStep, Math.ceil(Math.max(...ys, 1) / yStep) * yStep);
  const xStep = niceStep(xMax, 8);
  const x = (value: number) => MARGIN.left + (value / (xMax || 1)) * plotWidth;
  const y = (value: number) => top + MARGIN.top + plotHeight - (value / yMax) * plotHeight;
  const parts: string[] = [
    `<text x="${MARGIN.left}" y="${top + 20}" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text transform="translate(16 ${top + MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle" font-size="12">${escapeXml(chart.yLabel)}</text>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${top + PANEL_HEIGHT - 6}" text-anchor="middle" font-size="12">${escapeXml(xLabel)}</text>`,
  ];
  for (let value = 0; value <= yMax + yStep / 2; value += yStep) {
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e5e5"/>`,
      `<text x="${MARGIN.left - 6}" y="${y(value) + 4}" text-anchor="end" font-size="11">${label(value)}</text>`,
    );
  }
  for (let value = 0; value <= xMax + xStep / 2; value += xStep) {
    parts.push(
      `<line x1="${x(value)}" x2="${x(value)}" y1="${y(0)}" y2="${y(0) + 4}" stroke="#333"/>`,
      `<text x="${x(value)}" y="${y(0) + 16}" text-anchor="middle" font-size="11">${label(value)}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${y(0)}" y2="${y(yMax)}" stroke="#333"/>`,
  );
  chart.series.forEach((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const points = series.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(" ");
    parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="1.6" points="${points}"/>`);
    const legendY = top + MARGIN.top + 4 + index * 18;
    parts.push(
      `<line x1="${WIDTH - MARGIN.right + 14}" x2="${WIDTH - MARGIN.right + 34}" y1="${legendY}" y2="${legendY}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${WIDTH - MARGIN.right + 40}" y="${legendY + 4}" font-size="12">${escapeXml(series.name)}</text>`,
    );
  });
  return parts.join("\n");
}

/** An SVG document with the panels stacked, sharing the x axis's range and label. */
export function svgPlot(options: { title: string; xLabel: string; panels: Panel[] }): string {
  const xMax = Math.max(
    1,
    ...options.panels.flatMap((chart) => chart.series.flatMap((series) => series.points.map(([x]) => x))),
  );
  const height = 40 + options.panels.length * PANEL_HEIGHT;
  const body = options.panels.map((chart, index) => panel(chart, 40 + index * PANEL_HEIGHT, xMax, options.xLabel));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${MARGIN.left}" y="26" font-size="17" font-weight="bold">${escapeXml(options.title)}</text>
${body.join("\n")}
</svg>
`;
}
