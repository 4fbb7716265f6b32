// Where rendition files live. Local disk by default; an S3-compatible store implements the same port.
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export type StoredFile = { data: Buffer; size: number };

export type MediaStore = {
  /** Stores bytes under a content-addressed key and returns it: `ab/cd/abcd…ef.webp`. */
  put(data: Uint8Array, extension: string): Promise<string>;
  get(key: string): Promise<StoredFile | undefined>;
  delete(key: string): Promise<void>;
};

const KEY_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}\.(avif|webp|jpg|png)$/;

/** True for keys this store hands out; anything else (`..`, absolute paths) is refused. */
export function isMediaKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function mediaKey(data: Uint8Array, extension: string): string {
  const hash = createHash("sha256").update(data).digest("hex");
  return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}.${extension}`;
}

export function createLocalMediaStore(root: string): MediaStore {
  return {
    async put(data, extension) {
      const key = mediaKey(data, extension);
      const path = join(root, key);
      try {
        await stat(path);
        return key; // same content, already stored
      } catch {
        // not there yet
      }
      await mkdir(dirname(path), { recursive: true });
      // Write then rename, so a reader never sees half a file.
      const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      await writeFile(temporary, data);
      await rename(temporary, path);
      return key;
    },
    async get(key) {
      if (!isMediaKey(key)) return undefined;
      try {
        const data = await readFile(join(root, key));
        return { data, size: data.byteLength };
      } catch {
        return undefined;
      }
    },
    async delete(key) {
      if (!isMediaKey(key)) return;
      await rm(join(root, key), { force: true });
    },
  };
}
