// The built dashboard's edge (server.mjs) and headers: a strict Content-Security-Policy on every
// response, HSTS over https, malformed Host headers, bodies over the limit, and draining on SIGTERM.
import { createHash } from "node:crypto";
import http from "node:http";
import { type BuiltServer, get, postsInFlight, startBuiltServer } from "@stall/http-edge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const appDir = new URL("../", import.meta.url);
const apiUrl = "http://api.stall.test:9999";
let server: BuiltServer;

beforeAll(async () => {
  server = await startBuiltServer(appDir, "DASHBOARD_PORT", { PUBLIC_API_URL: apiUrl });
}, 30_000);

afterAll(async () => {
  await server?.stop();
});

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

function post(port: number, path: string, body: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port, method: "POST", path, headers: { "Content-Type": "text/plain", ...headers } },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          text += chunk;
        });
        response.once("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    outgoing.once("error", reject);
    outgoing.end(body);
  });
}

describe("settings", () => {
  it("refuses to start on a MEMORY_RELEASE_IDLE_S that is not a number of seconds, and says so", async () => {
    await expect(
      startBuiltServer(appDir, "DASHBOARD_PORT", { PUBLIC_API_URL: apiUrl, MEMORY_RELEASE_IDLE_S: "soon" }),
    ).rejects.toThrow('MEMORY_RELEASE_IDLE_S must be a number of seconds (0 for never), not "soon".');
  });
});

describe("Content-Security-Policy", () => {
  it("on a page names exactly its inline styles, and lets nothing else run", async () => {
    const reply = await get(server.port, "/forgot-password");
    expect(reply.status).toBe(200);
    const styles = [...reply.body.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? "");
    expect(styles.length).toBeGreaterThan(0);
    const policy = reply.headers["content-security-policy"];
    expect(policy).toBe(
      [
        "default-src 'none'",
        "script-src 'self'",
        `style-src ${styles.map(sha256).join(" ")}`,
        "img-src 'self' data: http://api.stall.test:9999 blob:",
        "connect-src 'self' http://api.stall.test:9999",
        "form-action 'self'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  });

  it.each(["/healthz", "/no-such-page"])("on %s lets nothing load", async (path) => {
    const reply = await get(server.port, path);
    expect(reply.headers["content-security-policy"]).toMatch(/^default-src 'none';/);
    expect(reply.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(reply.headers["x-frame-options"]).toBe("DENY");
  });
});

describe("Strict-Transport-Security", () => {
  it("is sent when a proxy says the request came over https", async () => {
    const reply = await get(server.port, "/", { "X-Forwarded-Proto": "https" });
    expect(reply.headers["strict-transport-security"]).toBe("max-age=31536000");
  });

  it("is not sent over plain http", async () => {
    const reply = await get(server.port, "/");
    expect(reply.headers["strict-transport-security"]).toBeUndefined();
  });
});

describe("the edge", () => {
  it("answers 400 to a Host with @ in it", async () => {
    const reply = await get(server.port, "/", { Host: "owner@localhost" });
    expect(reply.status).toBe(400);
    expect(reply.body).toContain("the Host header must be a host name");
  });

  it("answers 413 to a body over 256 KB, streamed or declared", async () => {
    const streamed = await post(server.port, "/", "a".repeat(256 * 1024 + 1), { "Transfer-Encoding": "chunked" });
    expect(streamed.status).toBe(413);
    expect(streamed.body).toContain("256 KB");
    const declared = await post(server.port, "/", "a".repeat(256 * 1024 + 1));
    expect(declared.status).toBe(413);
  });
});

describe("stopping", () => {
  it("on SIGTERM answers every request in flight in full, then exits 0", async () => {
    const stopping = await startBuiltServer(appDir, "DASHBOARD_PORT", {
      PUBLIC_API_URL: apiUrl,
      SHUTDOWN_TIMEOUT_MS: "60000",
    });
    const replies = await postsInFlight({
      port: stopping.port,
      path: "/",
      count: 20,
      body: "name=Lin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin" },
      probePath: "/healthz",
      midFlight: async () => {
        process.kill(stopping.pid, "SIGTERM");
        for (let attempt = 0; attempt < 250 && !stopping.output().includes("Dashboard stopping"); attempt++) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      },
    });
    expect(replies).toHaveLength(20);
    for (const reply of replies) {
      expect(reply.status).toBeGreaterThanOrEqual(200);
      expect(reply.headers.connection).toBe("close");
    }
    expect(await stopping.exited).toBe(0);
    expect(stopping.output()).toContain("Dashboard stopping (SIGTERM), 20 request(s) in flight");
  }, 60_000);
});
