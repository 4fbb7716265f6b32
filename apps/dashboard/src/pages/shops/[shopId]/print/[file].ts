// The poster and the table card as files to download: poster.svg, poster.png, card.svg, card.png, for
// the shop or one product (`?product=`). Drawn on the server (SVG; sharp turns it into the PNG), with
// the product photo inside, so the file prints the same anywhere.
import type { APIRoute } from "astro";
import sharp from "sharp";
import { SHEETS, type SheetKind, sheetSvg } from "../../../../lib/print-sheet.ts";
import { printableOf } from "../../../../lib/share-kit.ts";
import { loadShop, notFound } from "../../../../lib/shop.ts";

const FILE = /^(poster|card)\.(svg|png)$/;

export const GET: APIRoute = async (context) => {
  const match = FILE.exec(context.params.file ?? "");
  if (!match) return notFound();
  const kind = match[1] as SheetKind;
  const format = match[2] as "svg" | "png";
  const shop = await loadShop(context as never, context.params.shopId);
  if (!shop) return notFound();
  const printable = await printableOf(shop, context.url.searchParams.get("product"));
  if (!printable) return notFound();
  const photo = printable.photo ? await fetch(printable.photo.url).catch(() => undefined) : undefined;
  const photoBytes = photo?.ok ? Buffer.from(await photo.arrayBuffer()) : undefined;
  const svg = await sheetSvg(kind, {
    title: printable.title,
    subtitle: printable.subtitle,
    scan: printable.scan,
    address: printable.address,
    qrTarget: printable.target,
    photo: photoBytes ? `data:image/jpeg;base64,${photoBytes.toString("base64")}` : undefined,
  });
  const name = `${shop.shop.slug}${printable.product ? `-${printable.product.slug}` : ""}-${kind}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${name.replace(/[^\w.-]/g, "-")}"` };
  if (format === "svg") {
    return new Response(svg, { headers: { ...headers, "Content-Type": "image/svg+xml; charset=utf-8" } });
  }
  // librsvg draws at more than the PNG needs at this density; resizing down keeps edges clean.
  const png = await sharp(Buffer.from(svg), { density: 150 })
    .resize({ width: SHEETS[kind].pngWidth, height: SHEETS[kind].pngHeight, fit: "fill" })
    .png()
    .toBuffer();
  return new Response(new Uint8Array(png), { headers: { ...headers, "Content-Type": "image/png" } });
};
