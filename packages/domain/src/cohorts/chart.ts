// Plain bar charts as SVG text, drawn on the server: no script, readable by screen readers (role="img"
// with <title> and <desc> holding every value), sized for a 360 px phone and scaling with its container.

export type Bar = { label: string; value: number };

export type BarChartOptions = {
  /** The element's id prefix (for aria-labelledby), unique on the page. */
  id: string;
  title: string;
  /** Sentence describing the chart; the values are appended so the text alternative is complete. */
  description: string;
  bars: readonly Bar[];
  /** How a value is written in the text alternative and on the bars (default: as a whole number). */
  format?: (value: number) => string;
  width?: number;
  height?: number;
};

const escapeMap: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for SVG/XML content and attributes. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => escapeMap[character] ?? character);
}

/**
 * A vertical bar chart. Labels are drawn under the first, the middle and the last bar only, so they never
 * overlap at 360 px; every value is in the description.
 *
 * @example barChart({ id: "orders", title: "Orders by week", description: "Orders placed", bars: [{ label: "2026-11-30", value: 3 }] })
 */
export function barChart(options: BarChartOptions): string {
  const width = options.width ?? 340;
  const height = options.height ?? 180;
  const format = options.format ?? ((value: number) => String(Math.round(value)));
  const bars = options.bars;
  const top = 24;
  const bottom = 30;
  const left = 8;
  const right = 8;
  const plotHeight = height - top - bottom;
  const plotWidth = width - left - right;
  const max = Math.max(0, ...bars.map((bar) => bar.value));
  const slot = bars.length > 0 ? plotWidth / bars.length : plotWidth;
  const barWidth = Math.max(1, slot * 0.7);
  const baseline = top + plotHeight;
  const titleId = `${options.id}-title`;
  const descId = `${options.id}-desc`;
  const values = bars.map((bar) => `${bar.label}: ${format(bar.value)}`).join("; ");
  const description = bars.length > 0 ? `${options.description}. ${values}.` : `${options.description}.`;
  const labelled = new Set(bars.length > 0 ? [0, Math.floor((bars.length - 1) / 2), bars.length - 1] : []);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="${titleId} ${descId}" class="chart">`,
    `<title id="${titleId}">${escapeXml(options.title)}</title>`,
    `<desc id="${descId}">${escapeXml(description)}</desc>`,
    `<line x1="${left}" y1="${baseline}" x2="${width - right}" y2="${baseline}" stroke="currentColor" stroke-width="1"/>`,
  ];
  bars.forEach((bar, index) => {
    const barHeight = max > 0 ? (Math.max(0, bar.value) / max) * plotHeight : 0;
    const x = left + index * slot + (slot - barWidth) / 2;
    const y = baseline - barHeight;
    parts.push(
      `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${barHeight.toFixed(1)}" fill="currentColor"/>`,
    );
    if (bar.value === max && max > 0) {
      parts.push(
        `<text x="${(x + barWidth / 2).toFixed(1)}" y="${(y - 4).toFixed(1)}" text-anchor="middle" font-size="16" fill="currentColor">${escapeXml(format(bar.value))}</text>`,
      );
    }
    if (labelled.has(index)) {
      const anchor =
        index === 0 && bars.length > 1 ? "start" : index === bars.length - 1 && bars.length > 1 ? "end" : "middle";
      const labelX = anchor === "start" ? x : anchor === "end" ? x + barWidth : x + barWidth / 2;
      parts.push(
        `<text x="${labelX.toFixed(1)}" y="${height - 8}" text-anchor="${anchor}" font-size="16" fill="currentColor">${escapeXml(bar.label)}</text>`,
      );
    }
  });
  parts.push("</svg>");
  return parts.join("");
}
