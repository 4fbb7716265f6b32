// The poster (A4) and the table card (A6) as one SVG each, drawn on the server: the shop's (or a
// product's) name, a product photo, a big QR code, "scan to order" and the address. The same SVG is the
// download and, through sharp, the PNG. Units inside are tenths of a millimetre.
import QRCode from "qrcode";

/** Page sizes, and the PNG's width: the poster at 150 dpi, the small card at 300 dpi (both 1240 px wide). */
export const SHEETS = {
  poster: { widthMm: 210, heightMm: 297, pngWidth: 1240, pngHeight: 1754 },
  card: { widthMm: 105, heightMm: 148, pngWidth: 1240, pngHeight: 1748 },
} as const;
export type SheetKind = keyof typeof SHEETS;

export type SheetContent = {
  title: string;
  /** Under the title, smaller: the shop's name on a product's card. */
  subtitle?: string | undefined;
  scan: string;
  address: string;
  qrTarget: string;
  /** A JPEG as a data: URI, drawn cropped to fill its box. */
  photo?: string | undefined;
};

const FONT = "DejaVu Sans, Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif";

const escapeXml = (value: string) =>
  value.replace(
    /[<>&"']/g,
    (char) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[char] ?? char,
  );

/** About how wide a line is, in ems: CJK and other wide characters count one, the rest a little over half. */
export function emWidth(text: string): number {
  let width = 0;
  for (const char of text)
    width +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
        char,
      )
        ? 1
        : 0.6;
  return width;
}

/** The largest font size up to `max` at which the text fits the width. */
export function fittingSize(text: string, width: number, max: number): number {
  const ems = emWidth(text);
  return ems === 0 ? max : Math.min(max, Math.floor(width / ems));
}

/**
 * One printable sheet as an SVG document.
 * @example await sheetSvg("card", { title: "Mei's Noodles", scan: "Scan to order", address: "meis.stall.shop", qrTarget: "https://meis.stall.shop" })
 */
export async function sheetSvg(kind: SheetKind, content: SheetContent): Promise<string> {
  const { widthMm, heightMm } = SHEETS[kind];
  const width = widthMm * 10;
  const height = heightMm * 10;
  const margin = Math.round(width * 0.07);
  const inner = width - 2 * margin;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  const text = (value: string, y: number, size: number, weight = 400) =>
    parts.push(
      `<text x="${width / 2}" y="${y}" font-family="${FONT}" font-size="${size}" font-weight="${weight}" text-anchor="middle" fill="#111111">${escapeXml(value)}</text>`,
    );

  let y = margin;
  const titleSize = fittingSize(content.title, inner, Math.round(width * 0.065));
  text(content.title, y + titleSize, titleSize, 700);
  y += Math.round(titleSize * 1.35);
  if (content.subtitle) {
    const size = fittingSize(content.subtitle, inner, Math.round(width * 0.04));
    text(content.subtitle, y + size, size);
    y += Math.round(size * 1.5);
  }
  if (content.photo) {
    const photoHeight = Math.round(height * 0.2);
    parts.push(
      `<clipPath id="photo-box"><rect x="${margin}" y="${y}" width="${inner}" height="${photoHeight}" rx="${margin / 4}"/></clipPath>`,
      `<image x="${margin}" y="${y}" width="${inner}" height="${photoHeight}" preserveAspectRatio="xMidYMid slice" clip-path="url(#photo-box)" xlink:href="${content.photo}"/>`,
    );
    y += photoHeight + Math.round(margin / 2);
  }
  const qrSize = Math.round(Math.min(inner, height * 0.44));
  const qr = await QRCode.toString(content.qrTarget, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
  parts.push(qr.replace("<svg ", `<svg x="${(width - qrSize) / 2}" y="${y}" width="${qrSize}" height="${qrSize}" `));
  y += qrSize + Math.round(margin / 3);
  const scanSize = fittingSize(content.scan, inner, Math.round(width * 0.06));
  text(content.scan, y + scanSize, scanSize, 700);
  y += Math.round(scanSize * 1.5);
  const addressSize = fittingSize(content.address, inner, Math.round(width * 0.038));
  text(content.address, y + addressSize, addressSize);

  return `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${widthMm}mm" height="${heightMm}mm" viewBox="0 0 ${width} ${height}">${parts.join("")}</svg>\n`;
}
