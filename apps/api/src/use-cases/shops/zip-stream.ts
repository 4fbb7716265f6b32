// A zip archive as a byte stream, built one file and one chunk at a time as the reader asks for more,
// so an export of any size holds about one chunk (a page of rows or one photo) in memory. fflate does
// the zip format (decision 025).
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

export type ZipEntry = {
  /** Path inside the archive, `/`-separated. */
  name: string;
  /** Deflate text; photos are stored as they are (already compressed). */
  compress: boolean;
  chunks: () => AsyncIterable<Uint8Array>;
};

export function zipStream(entries: AsyncIterable<ZipEntry>, modifiedAt: Date): ReadableStream<Uint8Array> {
  const files = entries[Symbol.asyncIterator]();
  let ready: Uint8Array[] = [];
  let isFinished = false;
  let isEnded = false;
  let failure: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else ready.push(chunk);
    if (final) isFinished = true;
  });
  let current: { file: ZipDeflate | ZipPassThrough; chunks: AsyncIterator<Uint8Array> } | undefined;

  async function step(): Promise<void> {
    if (!current) {
      const next = await files.next();
      if (next.done) {
        isEnded = true;
        zip.end();
        return;
      }
      const file = next.value.compress
        ? new ZipDeflate(next.value.name, { level: 6 })
        : new ZipPassThrough(next.value.name);
      file.mtime = modifiedAt;
      zip.add(file);
      current = { file, chunks: next.value.chunks()[Symbol.asyncIterator]() };
      return;
    }
    const chunk = await current.chunks.next();
    if (chunk.done) {
      current.file.push(new Uint8Array(0), true);
      current = undefined;
    } else if (chunk.value.byteLength > 0) {
      current.file.push(chunk.value, false);
    }
  }

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // Work until the zip has bytes to hand out: a small deflated chunk may produce none yet.
        while (ready.length === 0 && !isFinished && !isEnded && !failure) await step();
      } catch (error) {
        controller.error(error);
        return;
      }
      if (failure) {
        controller.error(failure);
        return;
      }
      const out = ready;
      ready = [];
      for (const chunk of out) controller.enqueue(chunk);
      if (isFinished || (isEnded && ready.length === 0 && out.length === 0)) controller.close();
    },
    async cancel() {
      await current?.chunks.return?.();
      await files.return?.();
    },
  });
}
