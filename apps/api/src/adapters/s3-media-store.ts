// Photos in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, Backblaze B2, …), so several API
// processes on several machines share them. Requests are signed with AWS Signature V4 (aws4fetch).
import { AwsClient } from "aws4fetch";
import { isMediaKey, type MediaStore, mediaKey } from "./media-store.ts";

export type S3Options = {
  /** e.g. https://s3.eu-west-1.amazonaws.com or https://<account>.r2.cloudflarestorage.com */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
};

const CONTENT_TYPES: Record<string, string> = {
  avif: "image/avif",
  webp: "image/webp",
  jpg: "image/jpeg",
  png: "image/png",
};

export function createS3MediaStore(options: S3Options): MediaStore {
  const client = new AwsClient({
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
    service: "s3",
    retries: 3,
  });
  // Path-style addressing works with every S3-compatible service.
  const objectUrl = (key: string) =>
    `${options.endpoint.replace(/\/+$/, "")}/${encodeURIComponent(options.bucket)}/${key}`;

  async function expectOk(response: Response, action: string, key: string): Promise<Response> {
    if (response.ok) return response;
    const body = (await response.text()).slice(0, 300);
    throw new Error(`S3 ${action} ${key} answered ${response.status}: ${body}`);
  }

  return {
    async put(data, extension) {
      const key = mediaKey(data, extension);
      // Content-addressed: the same key always holds the same bytes, so a repeated PUT is harmless.
      await expectOk(
        await client.fetch(objectUrl(key), {
          method: "PUT",
          body: data,
          headers: {
            "content-type": CONTENT_TYPES[extension] ?? "application/octet-stream",
            "cache-control": "public, max-age=31536000, immutable",
          },
        }),
        "PUT",
        key,
      );
      return key;
    },
    async get(key) {
      if (!isMediaKey(key)) return undefined;
      const response = await client.fetch(objectUrl(key));
      if (response.status === 404) return undefined;
      await expectOk(response, "GET", key);
      const data = Buffer.from(await response.arrayBuffer());
      return { data, size: data.byteLength };
    },
    async delete(key) {
      if (!isMediaKey(key)) return;
      const response = await client.fetch(objectUrl(key), { method: "DELETE" });
      if (response.status !== 404) await expectOk(response, "DELETE", key);
    },
  };
}
