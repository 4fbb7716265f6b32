// The real API, started as its own process on a fresh libSQL file with the demo shop seeded, plus a
// small client for the owner's side (sign up, create a shop, add products) that tests drive it with.
// The API started as `npm start` starts it (`@stall/demo-seed/testing`), loaded at run time by a name held
// in a variable: a static import would make the storefront's typecheck (DOM types) check the API's
// sources (Node types) too.
export type RealApi = {
  port: number;
  url: string;
  publicUrl: string;
  /** The API's DATA_DIR: its .eml files land in `mail/` under it. */
  dataDir: string;
  stop: () => Promise<void>;
  output: () => string;
};

async function startApiProcess(env: Record<string, string>): Promise<RealApi> {
  const testing = "@stall/demo-seed/testing";
  const { startApiProcess: start } = (await import(testing)) as {
    startApiProcess: (options: { env: Record<string, string> }) => Promise<RealApi>;
  };
  return start({ env });
}

/** `seedDemo: false` skips the demo shop (its photos take most of the start-up) for tests that make their own. */
export async function startRealApi(options: {
  storefrontPort: number;
  seedDemo?: boolean;
  /** More settings for the API process (limits, secrets). */
  env?: Record<string, string>;
}): Promise<RealApi> {
  return startApiProcess({
    STOREFRONT_PORT: String(options.storefrontPort),
    SEED_DEMO: options.seedDemo === false ? "false" : "true",
    // Every test request comes from one address: load shedding is tested on its own (fairness.int.test.ts).
    CART_LIMIT_PER_IP: "1000000",
    CART_LIMIT_PER_SHOP: "1000000",
    CHECKOUT_LIMIT_PER_IP: "1000000",
    CHECKOUT_LIMIT_PER_SHOP: "1000000",
    // The same goes for the reset-link limits (tested in the API's abuse-limits.int.test.ts).
    RESET_LINKS_PER_IP: "1000000",
    RESET_LINKS_PER_EMAIL: "1000000",
    ...options.env,
  });
}

export type OwnerSession = {
  call: <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;
};

async function callApi<T>(apiUrl: string, method: string, path: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

function session(apiUrl: string, token: string): OwnerSession {
  return { call: (method, path, body) => callApi(apiUrl, method, path, body, token) };
}

/** A new owner's session on the API: JSON in, JSON out, any refusal thrown with the API's words. */
export async function signUp(apiUrl: string, email: string): Promise<OwnerSession> {
  const body = { email, password: "a long passphrase for tests", name: "Owner" };
  const { token } = await callApi<{ token: string }>(apiUrl, "POST", "/v1/auth/signup", body);
  return session(apiUrl, token);
}

/** The demo owner the seed creates (packages/demo-seed/src/seed-demo-shop.ts). */
export async function logInDemoOwner(apiUrl: string): Promise<OwnerSession> {
  const body = { email: "owner@demo.stall.test", password: "demo-owner-2026" };
  const { token } = await callApi<{ token: string }>(apiUrl, "POST", "/v1/auth/login", body);
  return session(apiUrl, token);
}
