import { readFileSync } from "node:fs";
import { buildOpenApiDocument } from "@stall/api/openapi-document";
import { describe, expect, it } from "vitest";
import { ApiUnavailableError, createApiClient } from "../src/index.ts";

describe("the typed client", () => {
  it("was generated from the document the API's routes describe now", () => {
    const committed = JSON.parse(readFileSync(new URL("../src/openapi.json", import.meta.url), "utf8"));
    expect(committed).toEqual(buildOpenApiDocument());
  });

  it("gives refusals back as problems and throws on server failures", async () => {
    const answers: Record<string, Response> = {
      "/v1/me": Response.json(
        { type: "about:blank", title: "Unauthorized", status: 401, detail: "Sign in first", code: "unauthenticated" },
        { status: 401, headers: { "content-type": "application/problem+json" } },
      ),
      "/healthz": new Response("boom", { status: 500 }),
    };
    const seen: string[] = [];
    const client = createApiClient({
      baseUrl: "http://api.test/",
      token: "tok_1",
      fetch: async (input) => {
        const request = input as Request;
        seen.push(`${request.method} ${request.url} ${request.headers.get("authorization")}`);
        return answers[new URL(request.url).pathname]?.clone() ?? new Response(null, { status: 404 });
      },
    });
    const me = await client.GET("/v1/me");
    expect(me.error).toMatchObject({ status: 401, code: "unauthenticated", detail: "Sign in first" });
    expect(seen).toEqual(["GET http://api.test/v1/me Bearer tok_1"]);
    await expect(client.GET("/healthz")).rejects.toBeInstanceOf(ApiUnavailableError);
  });

  it("throws ApiUnavailableError when the API cannot be reached", async () => {
    const client = createApiClient({
      baseUrl: "http://api.test",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    });
    await expect(client.GET("/healthz")).rejects.toThrow(/could not be reached/);
  });
});
