import QRCode from "qrcode";

/**
 * An SVG QR code of a URL. Linked as `?v={shop version}` it never changes, so it may be cached for a
 * year; without it, for an hour.
 */
export async function qrSvgResponse(target: string, requestUrl: URL, version: number): Promise<Response> {
  const svg = await QRCode.toString(target, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  const isVersioned = requestUrl.searchParams.get("v") === String(version);
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Cache-Control": isVersioned ? "public, max-age=31536000, immutable" : "public, max-age=3600",
    },
  });
}
