// Share cards (Open Graph images), drawn with sharp (loaded on the first card, load-sharp.ts).
import type { OverlayOptions } from "sharp";
import { loadSharp } from "./load-sharp.ts";

export type ShareCard = {
  photo: Buffer | undefined;
  title: string;
  /** A product's price, in the shop's green. */
  price?: string;
  /** A line or two under the title (a tagline, a collection's description); empty draws nothing. */
  subtitle?: string;
  /** Above the title; empty on the shop's own card, where the title is the shop's name. */
  shopName: string;
};

export type ImageComposer = {
  shareCard(card: ShareCard): Promise<Buffer>;
};

/** Every character XML 1.0 does not allow (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF). */
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text for an SVG text node or attribute. Stored text is already clean (decision 010), but a row written
 * before those rules must not make the card fail: librsvg refuses the whole SVG for one illegal character.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, "")
    .replace(/[\t\n\r]+/g, " ")
    .replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Splits a title into at most `lines` lines of about `width` characters (CJK counts double). */
export function wrapTitle(title: string, width: number, lines: number): string[] {
  const units = (text: string) =>
    [...text].reduce((total, char) => total + (/[\u3000-\u9fff\uff00-\uffef]/.test(char) ? 2 : 1), 0);
  const words = /[\u3000-\u9fff]/.test(title) ? [...title] : title.split(/\s+/);
  const joiner = /[\u3000-\u9fff]/.test(title) ? "" : " ";
  const result: string[] = [];
  let current = "";
  for (const word of words) {
    const next = current ? `${current}${joiner}${word}` : word;
    if (units(next) > width && current) {
      result.push(current);
      current = word;
    } else current = next;
  }
  if (current) result.push(current);
  if (result.length > lines) {
    const kept = result.slice(0, lines);
    kept[lines - 1] = `${kept[lines - 1]?.replace(/.{0,2}$/u, "")}…`;
    return kept;
  }
  return result;
}

export function createShareCardComposer(): ImageComposer {
  return {
    async shareCard({ photo, title, price, subtitle, shopName }) {
      const sharp = await loadSharp();
      const font = "DejaVu Sans, Liberation Sans, Noto Sans, WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";
      const titleLines = wrapTitle(title, 20, 3);
      const subtitleLines = subtitle ? wrapTitle(subtitle, 32, 2) : [];
      const below = 120 + titleLines.length * 62;
      const text = [
        shopName
          ? `<text x="0" y="0" font-family="${font}" font-size="30" fill="#5a5148">${escapeXml(shopName)}</text>`
          : "",
        ...titleLines.map(
          (line, index) =>
            `<text x="0" y="${80 + index * 62}" font-family="${font}" font-size="52" font-weight="700" fill="#1d1a17">${escapeXml(line)}</text>`,
        ),
        price
          ? `<text x="0" y="${below}" font-family="${font}" font-size="44" fill="#1f6b3a">${escapeXml(price)}</text>`
          : "",
        ...subtitleLines.map(
          (line, index) =>
            `<text x="0" y="${below - 10 + (price ? 60 : 0) + index * 40}" font-family="${font}" font-size="30" fill="#5a5148">${escapeXml(line)}</text>`,
        ),
      ].join("");
      const panel = Buffer.from(
        `<svg xmlns="http://www.w3.org/2000/svg" width="570" height="630"><rect width="570" height="630" fill="#faf7f2"/><g transform="translate(44 120)">${text}</g></svg>`,
      );
      const layers: OverlayOptions[] = [{ input: panel, left: 630, top: 0 }];
      if (photo) {
        layers.unshift({ input: await sharp(photo).resize(630, 630, { fit: "cover" }).toBuffer(), left: 0, top: 0 });
      }
      return sharp({ create: { width: 1200, height: 630, channels: 3, background: "#e9e2d6" } })
        .composite(layers)
        .jpeg({ quality: 82, mozjpeg: true })
        .toBuffer();
    },
  };
}
