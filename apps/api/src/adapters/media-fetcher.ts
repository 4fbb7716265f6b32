// The only place the API fetches from other sites (photos named in an imported CSV). Another site's
// address is the owner's input, so every request is treated as a possible attack on the servers
// around us (SSRF): http(s) only, each host name resolved once and the connection pinned to the
// address that was checked, private and special addresses refused, every redirect hop checked again,
// and size and time limits enforced while the bytes arrive. Decision 030.
import type { IncomingMessage } from "node:http";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import ipaddr from "ipaddr.js";
import { createSystemHostLookup, type HostLookup } from "./dns.ts";
import { sniffImageType } from "./image-processor.ts";

/** Why a fetch failed; `retryable` ones (network, 5xx, 429, time) may work later, the rest will not. */
export type MediaFetchFailure =
  | "bad_url"
  | "not_allowed_address"
  | "no_such_host"
  | "too_many_redirects"
  | "http_status"
  | "too_large"
  | "timeout"
  | "not_an_image"
  | "network";

export class MediaFetchError extends Error {
  readonly failure: MediaFetchFailure;
  readonly isRetryable: boolean;
  readonly status: number | undefined;
  constructor(failure: MediaFetchFailure, message: string, options: { isRetryable?: boolean; status?: number } = {}) {
    super(message);
    this.name = "MediaFetchError";
    this.failure = failure;
    this.isRetryable = options.isRetryable ?? false;
    this.status = options.status;
  }
}

export type FetchedMedia = { bytes: Uint8Array; finalUrl: string };

export type MediaFetcher = { fetch(url: string): Promise<FetchedMedia> };

export type MediaFetcherOptions = {
  /** Let loopback, private and link-local addresses through (tests, intranets: MEDIA_FETCH_ALLOW_PRIVATE). */
  allowPrivate: boolean;
  /** Largest body accepted (the upload limit); counted as bytes arrive, whatever Content-Length says. */
  maxBytes: number;
  /** From starting a hop until its connection is open (TLS included). Default 5 s. */
  connectTimeoutMs?: number;
  /** The whole fetch, every redirect included. Default 30 s. */
  totalTimeoutMs?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Host name to addresses; the system resolver unless a test injects one. */
  lookup?: HostLookup;
  /**
   * Which resolved addresses may be connected to; by default public ones only, or any with
   * `allowPrivate`. Tests narrow it to their own loopback server to show every hop is checked.
   */
  isAllowedAddress?: (address: string) => boolean;
};

const USER_AGENT = "StallPhotoImport/1.0 (+https://github.com/stall; fetches photos named in a shop's product file)";

/**
 * True for an address on the public internet. ipaddr.js names the range; only plain unicast passes, so
 * loopback, private (RFC 1918), link-local (cloud metadata at 169.254.169.254), unique-local, CGNAT,
 * multicast, broadcast, unspecified, documentation, NAT64/6to4/Teredo (which can wrap a private IPv4)
 * and reserved ranges are all refused. An IPv4-mapped IPv6 address is judged by its IPv4 address.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === "ipv6") {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    // ::a.b.c.d (deprecated IPv4-compatible form) is "unicast" to ipaddr.js but reaches a.b.c.d on some stacks.
    else if (v6.parts.slice(0, 6).every((part) => part === 0)) return false;
  }
  return parsed.range() === "unicast";
}

function describe(url: URL): string {
  return `${url.protocol}//${url.host}`;
}

export function createMediaFetcher(options: MediaFetcherOptions): MediaFetcher {
  const lookupHost = options.lookup ?? createSystemHostLookup();
  const connectTimeoutMs = options.connectTimeoutMs ?? 5_000;
  const totalTimeoutMs = options.totalTimeoutMs ?? 30_000;
  const maxRedirects = options.maxRedirects ?? 5;
  const isAllowed = options.isAllowedAddress ?? (options.allowPrivate ? () => true : isPublicAddress);

  /** The one address this hop will connect to, checked; the connection never resolves the name again. */
  async function pinnedAddress(url: URL): Promise<{ address: string; family: 4 | 6 }> {
    const host = url.hostname.replace(/^\[|\]$/g, "");
    let addresses: { address: string; family: 4 | 6 }[];
    if (ipaddr.isValid(host)) {
      addresses = [{ address: host, family: ipaddr.parse(host).kind() === "ipv6" ? 6 : 4 }];
    } else {
      try {
        addresses = await lookupHost(host);
      } catch {
        throw new MediaFetchError("no_such_host", `The address ${describe(url)} does not lead to any server`, {
          isRetryable: true,
        });
      }
      if (addresses.length === 0) {
        throw new MediaFetchError("no_such_host", `The address ${describe(url)} does not lead to any server`, {
          isRetryable: true,
        });
      }
    }
    // Every address must pass, not just the first: a name answering with one public and one private
    // address is refused whole, so no retry or address choice can slip through to the private one.
    if (!addresses.every((entry) => isAllowed(entry.address))) {
      throw new MediaFetchError(
        "not_allowed_address",
        `${describe(url)} points inside a private network; photos are only fetched from public sites`,
      );
    }
    return addresses[0] as { address: string; family: 4 | 6 };
  }

  function checkUrl(raw: string | URL): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new MediaFetchError("bad_url", "This is not a web address");
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new MediaFetchError("bad_url", `Only http and https addresses are fetched, not ${url.protocol}`);
    }
    if (url.username || url.password) {
      throw new MediaFetchError("bad_url", "Addresses with a user name or password are not fetched");
    }
    return url;
  }

  /** One request to the pinned address; resolves with the response head, body not yet read. */
  function requestOnce(
    url: URL,
    pinned: { address: string; family: 4 | 6 },
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    // Answers with the checked address whatever name the socket asks about; both callback shapes
    // (`all` is set when Node tries several addresses, autoSelectFamily).
    const lookup: LookupFunction = (_hostname, lookupOptions, callback) => {
      if ((lookupOptions as { all?: boolean }).all) {
        (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [pinned]);
      } else callback(null, pinned.address, pinned.family);
    };
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const request = send(url, {
        method: "GET",
        // A fresh connection per hop: a pooled socket could belong to an earlier, differently pinned hop.
        agent: false,
        lookup,
        signal,
        headers: { "user-agent": USER_AGENT, accept: "image/avif,image/webp,image/png,image/jpeg,image/gif,*/*;q=0.5" },
      });
      const connectTimer = setTimeout(() => {
        request.destroy(
          new MediaFetchError("timeout", `${describe(url)} did not answer within ${connectTimeoutMs / 1000} s`, {
            isRetryable: true,
          }),
        );
      }, connectTimeoutMs);
      request.on("socket", (socket) => {
        const connected = url.protocol === "https:" ? "secureConnect" : "connect";
        if (!socket.connecting && url.protocol === "http:") clearTimeout(connectTimer);
        socket.once(connected, () => clearTimeout(connectTimer));
      });
      request.on("response", (response) => {
        clearTimeout(connectTimer);
        resolve(response);
      });
      request.on("error", (error) => {
        clearTimeout(connectTimer);
        reject(error);
      });
      request.end();
    });
  }

  async function readBody(response: IncomingMessage, url: URL): Promise<Uint8Array> {
    const declared = Number(response.headers["content-length"]);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw tooLarge(url);
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let checkedType = false;
    for await (const chunk of response as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > options.maxBytes) {
        response.destroy();
        throw tooLarge(url);
      }
      chunks.push(chunk);
      // Stop a web page or a video early: the first bytes say whether this is a photo at all.
      if (!checkedType && received >= 16) {
        checkedType = true;
        if (!sniffImageType(Buffer.concat(chunks))) {
          response.destroy();
          throw notAnImage(url);
        }
      }
    }
    const bytes = Buffer.concat(chunks);
    if (!sniffImageType(bytes)) throw notAnImage(url);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  function tooLarge(url: URL) {
    const megabytes = Math.round((options.maxBytes / 1024 / 1024) * 10) / 10;
    return new MediaFetchError("too_large", `The file at ${describe(url)} is larger than the ${megabytes} MB limit`);
  }

  function notAnImage(url: URL) {
    return new MediaFetchError(
      "not_an_image",
      `The file at ${describe(url)} is not a photo (JPEG, PNG, WebP, GIF or AVIF were expected)`,
    );
  }

  return {
    async fetch(raw) {
      const controller = new AbortController();
      const timeout = new MediaFetchError(
        "timeout",
        `The photo took longer than ${totalTimeoutMs / 1000} s to arrive; the site may be slow or busy`,
        { isRetryable: true },
      );
      const timer = setTimeout(() => controller.abort(timeout), totalTimeoutMs);
      try {
        let url = checkUrl(raw);
        for (let hop = 0; ; hop++) {
          const pinned = await pinnedAddress(url);
          controller.signal.throwIfAborted();
          let response: IncomingMessage;
          try {
            response = await requestOnce(url, pinned, controller.signal);
          } catch (error) {
            throw asFetchError(error, url, controller.signal);
          }
          const status = response.statusCode ?? 0;
          if (status >= 300 && status < 400 && response.headers.location) {
            response.resume();
            if (hop >= maxRedirects) {
              throw new MediaFetchError(
                "too_many_redirects",
                `${describe(url)} sent us on more than ${maxRedirects} redirects`,
              );
            }
            // Resolved against the current address; the next hop is checked like the first.
            url = checkUrl(new URL(response.headers.location, url));
            continue;
          }
          if (status < 200 || status >= 300) {
            response.resume();
            const isRetryable = status >= 500 || status === 429 || status === 408;
            throw new MediaFetchError(
              "http_status",
              status === 404 || status === 410
                ? `${describe(url)} says this photo is not there (HTTP ${status})`
                : `${describe(url)} answered HTTP ${status}${isRetryable ? " (the site may be busy)" : ""}`,
              { isRetryable, status },
            );
          }
          try {
            return { bytes: await readBody(response, url), finalUrl: url.href };
          } catch (error) {
            throw asFetchError(error, url, controller.signal);
          }
        }
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

function asFetchError(error: unknown, url: URL, signal: AbortSignal): MediaFetchError {
  if (error instanceof MediaFetchError) return error;
  if (signal.aborted && signal.reason instanceof MediaFetchError) return signal.reason;
  const code = (error as { code?: string }).code;
  if (code === "ECONNREFUSED") {
    return new MediaFetchError("network", `${describe(url)} refused the connection`, { isRetryable: true });
  }
  if (code?.startsWith("ERR_TLS") || code?.includes("CERT")) {
    return new MediaFetchError("network", `${describe(url)} has a certificate problem (${code})`);
  }
  return new MediaFetchError(
    "network",
    `The connection to ${describe(url)} failed${code ? ` (${code})` : ""}; it may work later`,
    { isRetryable: true },
  );
}
