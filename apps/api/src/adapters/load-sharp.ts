// sharp (libvips) is the heaviest thing the API can load: its native library and thread pool cost tens
// of MB the moment it is imported. It is loaded on the first photo or share card (decision 036), so an
// API that never handles an image never holds it.
import { availableParallelism } from "node:os";
import type sharpModule from "sharp";

export type Sharp = typeof sharpModule;

let loading: Promise<Sharp> | undefined;

/** sharp, imported on first use; every caller shares the one import. */
export function loadSharp(): Promise<Sharp> {
  loading ??= import("sharp").then(({ default: sharp }) => {
    // sharp defaults to one thread on this kind of machine; use them all.
    sharp.concurrency(availableParallelism());
    return sharp;
  });
  return loading;
}
