// Headers the API sends for safety: HSTS only over HTTPS (as the connection or a trusted proxy says), a
// policy that lets JSON load nothing, and a strict policy on the /docs page that still lets it render.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./harness.ts";

let direct: Harness;
let proxied: Harness;
beforeAll(async () => {
  direct = await createHarness();
  proxied = await createHarness({ config: { trustProxy: true } });
});
afterAll(async () => {
  await direct?.cleanup();
  await proxied?.cleanup();
});

const HSTS = "max-age=31536000";
const https = { "X-Forwarded-Proto": "https" };

describe("Strict-Transport-Security", () => {
  it("is sent when the request itself came over https", async () => {
    const response = await direct.app.request("https://api.stall.test/healthz");
    expect(response.headers.get("strict-transport-security")).toBe(HSTS);
  });

  it("is not sent over plain http", async () => {
    const response = await direct.app.request("http://api.stall.test/healthz");
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it("follows X-Forwarded-Proto only behind a trusted proxy", async () => {
    const trusted = await proxied.app.request("http://api.stall.test/healthz", { headers: https });
    expect(trusted.headers.get("strict-transport-security")).toBe(HSTS);
    const untrusted = await direct.app.request("http://api.stall.test/healthz", { headers: https });
    expect(untrusted.headers.get("strict-transport-security")).toBeNull();
    const plain = await proxied.app.request("http://api.stall.test/healthz", {
      headers: { "X-Forwarded-Proto": "http, https" },
    });
    expect(plain.headers.get("strict-transport-security")).toBeNull();
  });

  it("is on problems too", async () => {
    const response = await proxied.app.request("/v1/nothing-here", { headers: https });
    expect(response.status).toBe(404);
    expect(response.headers.get("strict-transport-security")).toBe(HSTS);
  });
});

describe("Content-Security-Policy", () => {
  it("lets a JSON answer load and run nothing", async () => {
    const response = await direct.app.request("/openapi.json");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("on /docs allows exactly the page's own stylesheet and nothing that runs or sends", async () => {
    const response = await direct.app.request("/docs");
    expect(response.status).toBe(200);
    const html = await response.text();
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? "";
    expect(style.length).toBeGreaterThan(0);
    const hash = createHash("sha256").update(style, "utf8").digest("base64");
    const policy = response.headers.get("content-security-policy");
    expect(policy).toBe(
      `default-src 'none'; style-src 'sha256-${hash}'; img-src data:; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
    expect(html).not.toMatch(/<script/i);
  });
});
