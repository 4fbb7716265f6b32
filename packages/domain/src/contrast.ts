// WCAG 2.x contrast arithmetic on #rrggbb colours.

type Rgb = [number, number, number];

export const AA_TEXT = 4.5;
export const AA_NON_TEXT = 3;

function parseHex(hex: string): Rgb | undefined {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match?.[1]) return undefined;
  const value = Number.parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((channel) => Math.round(channel).toString(16).padStart(2, "0")).join("")}`;
}

/** True for a colour written #rrggbb. */
export function isHexColour(value: string | null | undefined): value is string {
  return typeof value === "string" && /^#[0-9a-f]{6}$/i.test(value);
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) throw new RangeError(`Not a #rrggbb colour: ${hex}`);
  const [r, g, b] = rgb.map((channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/**
 * The WCAG contrast ratio of two colours, 1 to 21.
 * @example contrastRatio("#000000", "#ffffff") // 21
 */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Mixes two colours: `amount` 0 is `a`, 1 is `b`. */
export function mix(a: string, b: string, amount: number): string {
  const from = parseHex(a);
  const to = parseHex(b);
  if (!from || !to) throw new RangeError(`Not #rrggbb colours: ${a}, ${b}`);
  return toHex(from.map((channel, index) => channel + ((to[index] ?? 0) - channel) * amount) as Rgb);
}

/** Black or white, whichever reads better on the background (always at least 4.58:1). */
export function readableOn(background: string): string {
  return contrastRatio("#000000", background) >= contrastRatio("#ffffff", background) ? "#000000" : "#ffffff";
}

/**
 * The colour itself when it reaches `minimum` contrast on the background; otherwise the same hue moved
 * towards black or white, in small steps, until it does.
 * @example ensureContrast("#f5c400", "#ffffff") // a darker yellow-brown that reaches 4.5:1
 */
export function ensureContrast(colour: string, background: string, minimum = AA_TEXT): string {
  if (contrastRatio(colour, background) >= minimum) return colour;
  const target = readableOn(background);
  for (let step = 1; step <= 20; step += 1) {
    const candidate = mix(colour, target, step / 20);
    if (contrastRatio(candidate, background) >= minimum) return candidate;
  }
  return target;
}
