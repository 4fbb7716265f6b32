// Photos brought in by a product import (decision 030), end to end: the real API process fetches them
// from an image server in another process on loopback (MEDIA_FETCH_ALLOW_PRIVATE=true), through the
// safe fetcher and the upload pipeline, and attaches them. Baseline in the same run: the pipeline
// alone on the same bytes, one photo at a time, in this process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createImageProcessor } from "@stall/api/adapters";
import { createDb, migrate } from "@stall/db";
import { freePort } from "@stall/db/testing";
import { API_ENTRY, startProcess, stopProcess } from "./lib/processes.ts";
import { round, table } from "./lib/stats.ts";

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 60);

async function call(base: string, method: string, path: string, body?: unknown, token?: string, type?: string) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": type ?? "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  // biome-ignore lint/suspicious/noExplicitAny: replies are read field by field
  return (text ? JSON.parse(text) : {}) as Record<string, any>;
}

/** One API process with these limits: import PHOTOS products with one photo each, time until all landed. */
async function importRun(images: string, perShop: number, global: number) {
  const dir = mkdtempSync(join(tmpdir(), "stall-bench-photos-"));
  const url = `file:${join(dir, "stall.db")}`;
  const database = await createDb(url);
  await migrate(database.db);
  database.close();
  const port = await freePort();
  const api = `http://127.0.0.1:${port}`;
  const child = await startProcess(
    API_ENTRY,
    {
      API_PORT: String(port),
      API_HOST: "127.0.0.1",
      DATA_DIR: dir,
      DATABASE_URL: url,
      SEED_DEMO: "false",
      MEDIA_FETCH_ALLOW_PRIVATE: "true",
      MEDIA_FETCH_PER_SHOP: String(perShop),
      MEDIA_FETCH_GLOBAL: String(global),
    },
    `${api}/healthz`,
  );
  try {
    const { token } = await call(api, "POST", "/v1/auth/signup", {
      email: `photos-${port}@bench.stall.test`,
      password: "a long bench passphrase",
      name: "Bench",
    });
    const shop = await call(
      api,
      "POST",
      "/v1/shops",
      { name: "Photos", slug: `photos-${port}`, currency: "USD", locale: "en" },
      token,
    );
    const rows = Array.from(
      { length: PHOTOS },
      (_, index) => `item-${index},Item ${index},1.00,${images}/p/${index}.jpg,1,Photo ${index}`,
    );
    const csv = ["Handle,Title,Variant Price,Image Src,Image Position,Image Alt Text", ...rows].join("\n");
    const started = performance.now();
    const imported = await call(api, "POST", `/v1/shops/${shop.id}/products/import`, csv, token, "text/csv");
    const answeredMs = performance.now() - started;
    let job: Record<string, unknown> & { status?: string; photos?: { fetched: number; failed: number } } = {};
    while (job.status !== "finished") {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = await call(api, "GET", `/v1/shops/${shop.id}/imports/${imported.photoImport.id}`, undefined, token);
    }
    const seconds = (performance.now() - started) / 1000;
    return {
      run: `import, ${perShop} per shop / ${global} in all`,
      photos: PHOTOS,
      fetched: job.photos?.fetched ?? 0,
      failed: job.photos?.failed ?? 0,
      "import answered ms": round(answeredMs, 0),
      "all photos s": round(seconds, 2),
      "photos/s": round((job.photos?.fetched ?? 0) / seconds, 2),
    };
  } finally {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The upload pipeline alone (sniff, header check, one decode, 9 renditions), one photo after another. */
async function pipelineBaseline(images: string) {
  const bytes: Uint8Array[] = [];
  for (let index = 0; index < PHOTOS; index++) {
    bytes.push(new Uint8Array(await (await fetch(`${images}/p/${index}.jpg`)).arrayBuffer()));
  }
  const processor = createImageProcessor();
  const started = performance.now();
  for (const photo of bytes) await processor.process(photo);
  const seconds = (performance.now() - started) / 1000;
  const kb = bytes.reduce((sum, photo) => sum + photo.byteLength, 0) / bytes.length / 1024;
  return {
    run: `baseline: pipeline only, in process (mean ${round(kb, 0)} KB JPEG)`,
    photos: PHOTOS,
    fetched: PHOTOS,
    failed: 0,
    "import answered ms": "-",
    "all photos s": round(seconds, 2),
    "photos/s": round(PHOTOS / seconds, 2),
  };
}

export async function benchPhotoImport() {
  const port = await freePort();
  const images = `http://127.0.0.1:${port}`;
  const server = await startProcess(
    "bench/lib/image-server.ts",
    { PORT: String(port), PHOTO_COUNT: String(PHOTOS) },
    `${images}/healthz`,
  );
  try {
    const rows: Record<string, string | number>[] = [await pipelineBaseline(images)];
    // One at a time, the defaults (MEDIA_FETCH_PER_SHOP=1, MEDIA_FETCH_GLOBAL=2), and more at once.
    for (const [perShop, global] of [
      [1, 1],
      [1, 2],
      [2, 4],
    ] as const) {
      rows.push(await importRun(images, perShop, global));
    }
    return rows;
  } finally {
    await stopProcess(server);
  }
}

if (import.meta.main) {
  process.stdout.write(
    `Photo import from loopback (${PHOTOS} photos, 1200x900 JPEG)\n${table(await benchPhotoImport())}\n`,
  );
}
