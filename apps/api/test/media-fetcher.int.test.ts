// The photo fetcher against a real HTTP server on loopback: addresses refused before any connection,
// each redirect hop checked again, the name resolved once and the connection pinned to it, and the
// size, time and content limits enforced while the bytes arrive.
import { once } from "node:events";
import { createServer, type Server, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Socket, type Server as TcpServer } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMediaFetcher,
  isPublicAddress,
  MediaFetchError,
  type MediaFetcherOptions,
} from "../src/adapters/media-fetcher.ts";
import { createMediaFetcherFromEnv } from "../src/boot/create-deps.ts";
import { parseEnv } from "../src/env.ts";

let server: Server;
let base: string;
let port: number;
let photo: Buffer;
const hits = new Map<string, number>();
const stalled: ServerResponse[] = [];

beforeAll(async () => {
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#3a7" } })
    .jpeg()
    .toBuffer();
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const redirect = /^\/hop\/(\d+)$/.exec(path);
    if (redirect) {
      const left = Number(redirect[1]);
      response.writeHead(302, { location: left === 0 ? "/photo.jpg" : `/hop/${left - 1}` }).end();
    } else if (path === "/photo.jpg") {
      response.writeHead(200, { "content-type": "image/jpeg", "content-length": photo.length }).end(photo);
    } else if (path === "/photo-chunked.jpg") {
      // No Content-Length: the limit must be counted as the bytes arrive.
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.write(photo.subarray(0, 1000));
      response.end(photo.subarray(1000));
    } else if (path === "/to-metadata") {
      response.writeHead(301, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    } else if (path === "/to-internal-name") {
      response.writeHead(302, { location: "http://intranet.example.com/secret.jpg" }).end();
    } else if (path === "/to-loopback-v6") {
      response.writeHead(302, { location: `http://[::ffff:127.0.0.2]:${port}/photo.jpg` }).end();
    } else if (path === "/to-file") {
      response.writeHead(302, { location: "file:///etc/passwd" }).end();
    } else if (path === "/page.html") {
      response.writeHead(200, { "content-type": "image/jpeg" }).end(`<!doctype html><html>${"x".repeat(5000)}</html>`);
    } else if (path === "/tiny") {
      response.writeHead(200, { "content-type": "image/png" }).end("hello");
    } else if (path === "/slow.jpg") {
      // The head and the first bytes, then nothing: a server that dribbles or hangs.
      response.writeHead(200, { "content-type": "image/jpeg" });
      response.write(photo.subarray(0, 100));
      stalled.push(response);
    } else if (path === "/gone") {
      response.writeHead(404).end("not here");
    } else if (path === "/busy") {
      response.writeHead(503).end("busy");
    } else {
      response.writeHead(500).end();
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  port = (server.address() as { port: number }).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  for (const response of stalled) response.destroy();
  server.closeAllConnections();
  server.close();
});

/** Only the test server's own address is let through; everything else follows the real rule. */
const onlyTestServer = (address: string) => address === "127.0.0.1" || isPublicAddress(address);

function fetcher(options: Partial<MediaFetcherOptions> = {}) {
  return createMediaFetcher({ allowPrivate: false, maxBytes: 1024 * 1024, totalTimeoutMs: 10_000, ...options });
}

async function failureOf(promise: Promise<unknown>): Promise<MediaFetchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(MediaFetchError);
  return error as MediaFetchError;
}

describe("addresses", () => {
  it("classifies the special ranges, IPv4-mapped IPv6 included", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "224.0.0.1",
      "0.0.0.0",
      "255.255.255.255",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "::ffff:10.0.0.1",
      "::ffff:169.254.169.254",
      "::7f00:1",
      "64:ff9b::a00:1",
      "not an address",
    ]) {
      expect(isPublicAddress(address), address).toBe(false);
    }
    for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });

  it("refuses http://127.0.0.1/ and never reaches the server", async () => {
    const before = hits.get("/photo.jpg") ?? 0;
    const error = await failureOf(fetcher().fetch(`${base}/photo.jpg`));
    expect(error.failure).toBe("not_allowed_address");
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/private network/);
    expect(hits.get("/photo.jpg") ?? 0).toBe(before);
  });

  it("refuses the cloud metadata address and other spellings of loopback", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data/",
      "http://2130706433/",
      "http://0x7f.1/",
      `http://[::ffff:127.0.0.1]:${port}/photo.jpg`,
      "http://[::1]/",
      "https://10.0.0.1/x.jpg",
      "http://0.0.0.0/",
    ]) {
      expect((await failureOf(fetcher().fetch(url))).failure, url).toBe("not_allowed_address");
    }
  });

  it("refuses a public-looking name that resolves to a private address, before connecting", async () => {
    const asked: string[] = [];
    const lookup = async (hostname: string) => {
      asked.push(hostname);
      return [{ address: "10.20.30.40", family: 4 as const }];
    };
    const error = await failureOf(fetcher({ lookup }).fetch("https://photos.example.com/mug.jpg"));
    expect(error.failure).toBe("not_allowed_address");
    expect(asked).toEqual(["photos.example.com"]);
  });

  it("refuses a name that answers with one public and one private address", async () => {
    const lookup = async () => [
      { address: "93.184.216.34", family: 4 as const },
      { address: "127.0.0.1", family: 4 as const },
    ];
    expect((await failureOf(fetcher({ lookup }).fetch("http://mixed.example.com/a.jpg"))).failure).toBe(
      "not_allowed_address",
    );
  });

  it("checks every redirect hop again: metadata address, a private name, mapped loopback, another scheme", async () => {
    const lookup = async (hostname: string) =>
      hostname === "intranet.example.com" ? [{ address: "192.168.0.10", family: 4 as const }] : [];
    const narrow = fetcher({ lookup, isAllowedAddress: onlyTestServer });
    expect((await failureOf(narrow.fetch(`${base}/to-metadata`))).failure).toBe("not_allowed_address");
    expect((await failureOf(narrow.fetch(`${base}/to-internal-name`))).failure).toBe("not_allowed_address");
    expect((await failureOf(narrow.fetch(`${base}/to-loopback-v6`))).failure).toBe("not_allowed_address");
    expect((await failureOf(narrow.fetch(`${base}/to-file`))).failure).toBe("bad_url");
    // The same server's photo, reached directly, is let through by this policy: the hops were the problem.
    expect((await narrow.fetch(`${base}/photo.jpg`)).bytes.byteLength).toBe(photo.length);
  });

  it("resolves a name once and connects to the address it checked (no second lookup to rebind)", async () => {
    let lookups = 0;
    // A rebinding resolver: a private address the first time, public ever after. Only the first counts.
    const lookup = async () => {
      lookups++;
      return [{ address: lookups === 1 ? "127.0.0.1" : "93.184.216.34", family: 4 as const }];
    };
    // "photos.invalid" exists nowhere: the connection can only have used the pinned address.
    const fetched = await fetcher({ lookup, allowPrivate: true }).fetch(`http://photos.invalid:${port}/photo.jpg`);
    expect(Buffer.from(fetched.bytes).equals(photo)).toBe(true);
    expect(lookups).toBe(1);
    expect(
      (
        await failureOf(
          fetcher({ lookup: async () => [{ address: "127.0.0.1", family: 4 }] }).fetch(
            `http://photos.invalid:${port}/photo.jpg`,
          ),
        )
      ).failure,
    ).toBe("not_allowed_address");
  });
});

describe("with MEDIA_FETCH_ALLOW_PRIVATE=true", () => {
  it("fetches from loopback and follows redirects to it", async () => {
    const open = createMediaFetcherFromEnv(parseEnv({ MEDIA_FETCH_ALLOW_PRIVATE: "true" }));
    const fetched = await open.fetch(`${base}/photo.jpg`);
    expect(Buffer.from(fetched.bytes).equals(photo)).toBe(true);
    const redirected = await open.fetch(`${base}/hop/4`);
    expect(redirected.finalUrl).toBe(`${base}/photo.jpg`);
    expect(Buffer.from(redirected.bytes).equals(photo)).toBe(true);
  });

  it("is off unless set: the env default refuses loopback", async () => {
    const closed = createMediaFetcherFromEnv(parseEnv({}));
    expect((await failureOf(closed.fetch(`${base}/photo.jpg`))).failure).toBe("not_allowed_address");
    expect(parseEnv({ MEDIA_FETCH_ALLOW_PRIVATE: "false" }).MEDIA_FETCH_ALLOW_PRIVATE).toBe(false);
  });
});

describe("limits", () => {
  const open = (options: Partial<MediaFetcherOptions> = {}) => fetcher({ allowPrivate: true, ...options });

  it("refuses a file over the size limit, declared or counted while streaming", async () => {
    const small = open({ maxBytes: photo.length - 1 });
    const declared = await failureOf(small.fetch(`${base}/photo.jpg`));
    expect(declared.failure).toBe("too_large");
    expect(declared.message).toMatch(/larger than the .* MB limit/);
    expect((await failureOf(small.fetch(`${base}/photo-chunked.jpg`))).failure).toBe("too_large");
    expect((await open({ maxBytes: photo.length }).fetch(`${base}/photo-chunked.jpg`)).bytes.byteLength).toBe(
      photo.length,
    );
  });

  it("gives up on a server that stops sending (total time limit), as a failure worth retrying", async () => {
    const error = await failureOf(open({ totalTimeoutMs: 300 }).fetch(`${base}/slow.jpg`));
    expect(error.failure).toBe("timeout");
    expect(error.isRetryable).toBe(true);
  });

  it("gives up on a server that never finishes connecting (connect time limit)", async () => {
    // Accepts TCP and never answers the TLS hello.
    const sockets: Socket[] = [];
    const silent: TcpServer = createTcpServer((socket) => sockets.push(socket));
    silent.listen(0, "127.0.0.1");
    await once(silent, "listening");
    try {
      const silentPort = (silent.address() as { port: number }).port;
      const error = await failureOf(
        open({ connectTimeoutMs: 200, totalTimeoutMs: 20_000 }).fetch(`https://127.0.0.1:${silentPort}/a.jpg`),
      );
      expect(error.failure).toBe("timeout");
      expect(error.message).toMatch(/did not answer within 0.2 s/);
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  it("refuses content that is not a photo, whatever its Content-Type says", async () => {
    const page = await failureOf(open().fetch(`${base}/page.html`));
    expect(page.failure).toBe("not_an_image");
    expect(page.isRetryable).toBe(false);
    expect((await failureOf(open().fetch(`${base}/tiny`))).failure).toBe("not_an_image");
  });

  it("follows at most five redirects", async () => {
    expect((await open().fetch(`${base}/hop/4`)).bytes.byteLength).toBe(photo.length);
    const error = await failureOf(open().fetch(`${base}/hop/5`));
    expect(error.failure).toBe("too_many_redirects");
    expect(error.message).toMatch(/more than 5 redirects/);
  });

  it("fetches only http and https addresses without credentials", async () => {
    for (const url of [
      "file:///etc/passwd",
      "ftp://example.com/a.jpg",
      "data:image/png;base64,iVBORw0KGgo=",
      "javascript:alert(1)",
      "gopher://127.0.0.1:6379/_INFO",
      "not a url",
      `http://user:secret@127.0.0.1:${port}/photo.jpg`,
    ]) {
      expect((await failureOf(open().fetch(url))).failure, url).toBe("bad_url");
    }
  });

  it("tells a missing photo (final) from a busy site (worth retrying)", async () => {
    const missing = await failureOf(open().fetch(`${base}/gone`));
    expect(missing).toMatchObject({ failure: "http_status", status: 404, isRetryable: false });
    expect(missing.message).toMatch(/not there \(HTTP 404\)/);
    expect(await failureOf(open().fetch(`${base}/busy`))).toMatchObject({ status: 503, isRetryable: true });
    const refused = await failureOf(open().fetch("http://127.0.0.1:9/a.jpg"));
    expect(refused).toMatchObject({ failure: "network", isRetryable: true });
    const unknown = await failureOf(open({ lookup: async () => [] }).fetch("http://nowhere.invalid/a.jpg"));
    expect(unknown.failure).toBe("no_such_host");
  });
});
