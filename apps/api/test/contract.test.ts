// The check every integration test's answers go through (test/contract.ts) catches what it is for.
import { describe, expect, it } from "vitest";
import { contractViolation } from "./contract.ts";

const problem = (status: number) =>
  Response.json(
    { type: "about:blank", title: "t", status, detail: "d", code: "not_found" },
    { status, headers: { "content-type": "application/problem+json" } },
  );

describe("the contract check", () => {
  it("passes an answer the document describes", async () => {
    expect(
      await contractViolation(new Request("http://api.test/healthz"), Response.json({ status: "ok" })),
    ).toBeUndefined();
    expect(
      await contractViolation(new Request("http://api.test/v1/storefront/a.localhost/carts/c1"), problem(404)),
    ).toBeUndefined();
  });

  it("fails a status the operation does not list", async () => {
    expect(await contractViolation(new Request("http://api.test/healthz"), problem(404))).toMatch(
      /GET \/healthz \(\/healthz\) answered 404, which the document does not list/,
    );
  });

  it("fails a body that does not fit, saying where", async () => {
    expect(await contractViolation(new Request("http://api.test/healthz"), Response.json({ status: "fine" }))).toMatch(
      /does not fit the document: \/status must be equal to one of the allowed values/,
    );
    const cart = { id: "c", currency: "USD", itemCount: 0, subtotal: 0, lines: [{ id: "l" }] };
    expect(
      await contractViolation(new Request("http://api.test/v1/storefront/a.localhost/carts/c1"), Response.json(cart)),
    ).toMatch(/\/lines\/0 must have required property/);
  });

  it("fails an answer in a media type the document does not give", async () => {
    expect(
      await contractViolation(new Request("http://api.test/healthz"), new Response("ok", { status: 200 })),
    ).toMatch(/answered 200 as text\/plain; the document says application\/json/);
  });

  it("leaves paths outside the document alone", async () => {
    expect(await contractViolation(new Request("http://api.test/nowhere"), problem(404))).toBeUndefined();
  });
});
