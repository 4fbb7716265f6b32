// A small JSON client over app.request() for tests: real HTTP semantics, no socket.
import { platform } from "@stall/db";
import type { Harness, Json } from "./harness.ts";

export type Call = { status: number; body: Json; headers: Headers; text: string };

export function client(harness: Harness, token?: string) {
  async function call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Call> {
    const response = await harness.app.request(path, {
      method,
      headers: {
        ...(body !== undefined && typeof body === "string" ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: Json = {};
    try {
      parsed = text ? (JSON.parse(text) as Json) : {};
    } catch {
      parsed = {};
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  }
  return {
    get: (path: string, headers?: Record<string, string>) => call("GET", path, undefined, headers),
    post: (path: string, body?: unknown, headers?: Record<string, string>) => call("POST", path, body ?? {}, headers),
    patch: (path: string, body: unknown) => call("PATCH", path, body),
    put: (path: string, body: unknown) => call("PUT", path, body),
    delete: (path: string) => call("DELETE", path),
    call,
  };
}

let counter = 0;

/** Signs up a fresh owner and opens a shop for them. */
export async function ownerWithShop(
  harness: Harness,
  overrides: { currency?: string; locale?: string; name?: string } = {},
) {
  counter += 1;
  const email = `owner${counter}-${Date.now()}@example.test`;
  const signup = await client(harness).post("/v1/auth/signup", {
    email,
    password: "correct horse battery",
    name: `Owner ${counter}`,
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.text}`);
  const token = signup.body.token as string;
  const api = client(harness, token);
  const shop = await api.post("/v1/shops", {
    name: overrides.name ?? `Shop ${counter}`,
    slug: `shop-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    currency: overrides.currency ?? "USD",
    locale: overrides.locale ?? "en",
  });
  if (shop.status !== 201) throw new Error(`shop failed: ${shop.text}`);
  return { email, token, api, user: signup.body.user as Json, shop: shop.body, shopId: shop.body.id as string };
}

/** Signs up a fresh account and makes it an operator, as `stall operator:create` does. */
export async function operator(harness: Harness) {
  counter += 1;
  const email = `operator${counter}-${Date.now()}@example.test`;
  const signup = await client(harness).post("/v1/auth/signup", {
    email,
    password: "correct horse battery",
    name: `Operator ${counter}`,
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.text}`);
  await platform(harness.database.db).users.setRole(signup.body.user.id, "operator", harness.clock.now());
  const token = signup.body.token as string;
  return { token, userId: signup.body.user.id as string, email, api: client(harness, token) };
}
