// A stand-in for another shop platform's CDN, in its own process so its work does not count against
// the API's: serves PHOTO_COUNT distinct product photos at /p/{n}.jpg on PORT (127.0.0.1).
import { createServer } from "node:http";
import sharp from "sharp";

const port = Number(process.env.PORT);
const count = Number(process.env.PHOTO_COUNT ?? 60);
const width = Number(process.env.PHOTO_WIDTH ?? 1200);
const height = Math.round((width * 3) / 4);

/** A product photo with detail (blurred noise, tinted per photo), so each one is different. */
async function productPhoto(index: number): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 40 } },
  })
    .blur(2)
    .tint({ r: (index * 53) % 256, g: (index * 97) % 256, b: (index * 31) % 256 })
    .jpeg({ quality: 85 })
    .toBuffer();
}

const photos: Buffer[] = [];
for (let index = 0; index < count; index++) photos.push(await productPhoto(index));

createServer((request, response) => {
  if (request.url === "/healthz") return void response.end("ok");
  const match = /^\/p\/(\d+)\.jpg$/.exec(request.url ?? "");
  const photo = match ? photos[Number(match[1])] : undefined;
  if (!photo) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.byteLength }).end(photo);
}).listen(port, "127.0.0.1");
