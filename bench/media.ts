// The media pipeline on a 12-megapixel phone photo: time to all renditions, bytes per rendition.

import { createImageProcessor } from "@stall/api/adapters";
import sharp from "sharp";
import { round, table } from "./lib/stats.ts";

/** A 4000x3000 JPEG with photo-like detail (noise, blurred), EXIF orientation 6 like a phone held upright. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: "#000000",
      noise: { type: "gaussian", mean: 128, sigma: 60 },
    },
  })
    .blur(1.2)
    .modulate({ saturation: 1.4 })
    .jpeg({ quality: 88 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export async function benchMedia(runs = Number(process.env.BENCH_MEDIA_RUNS ?? 3)) {
  const input = await phonePhoto();
  const processor = createImageProcessor();
  const times: number[] = [];
  let last: Awaited<ReturnType<typeof processor.process>> | undefined;
  let peakRss = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    last = await processor.process(input);
    times.push(performance.now() - started);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const summary = [
    {
      input: `4000x3000 JPEG, ${round(input.byteLength / 1024, 0)} KB`,
      runs,
      "mean s": round(times.reduce((a, b) => a + b, 0) / times.length / 1000, 2),
      "min s": round(Math.min(...times) / 1000, 2),
      "peak RSS MB": round(peakRss / 1024 / 1024, 0),
    },
  ];
  const renditions = (last?.renditions ?? []).map((rendition) => ({
    format: rendition.format,
    size: `${rendition.width}x${rendition.height}`,
    KB: round(rendition.data.byteLength / 1024, 1),
  }));
  return { summary, renditions };
}

if (import.meta.main) {
  const { summary, renditions } = await benchMedia();
  process.stdout.write(
    `Media pipeline (12 MP phone photo to all renditions)\n${table(summary)}\n\n${table(renditions)}\n`,
  );
}
