import { describe, expect, it } from "vitest";
import { createHasher } from "../src/boot/create-deps.ts";
import { EnvError, parseEnv } from "../src/env.ts";

describe("parseEnv", () => {
  it("has defaults for the embedded setup", () => {
    const env = parseEnv({}, "/srv/stall");
    expect(env).toMatchObject({
      API_PORT: 8787,
      STOREFRONT_PORT: 4321,
      DASHBOARD_PORT: 4322,
      DATABASE_URL: "file:/srv/stall/data/stall.db",
      dataDir: "/srv/stall/data",
      STOREFRONT_ROOT_DOMAIN: "localhost",
      PUBLIC_API_URL: "http://localhost:8787",
      SEED_DEMO: true,
    });
  });

  it("puts the default database in DATA_DIR, beside the photos and mail", () => {
    const env = parseEnv({ DATA_DIR: "/var/lib/stall" }, "/srv/stall");
    expect(env.DATABASE_URL).toBe("file:/var/lib/stall/stall.db");
    expect(env.dataDir).toBe("/var/lib/stall");
    expect(parseEnv({ DATA_DIR: "shop-data" }, "/srv/stall").DATABASE_URL).toBe("file:/srv/stall/shop-data/stall.db");
    expect(parseEnv({ DATA_DIR: "/var/lib/stall", DATABASE_URL: "file:/elsewhere/x.db" }).DATABASE_URL).toBe(
      "file:/elsewhere/x.db",
    );
  });

  it("keeps remote database URLs as they are", () => {
    expect(parseEnv({ DATABASE_URL: "http://127.0.0.1:8080", DATABASE_AUTH_TOKEN: "t" }).DATABASE_URL).toBe(
      "http://127.0.0.1:8080",
    );
    expect(parseEnv({ DATABASE_URL: "libsql://shop.turso.io" }).DATABASE_URL).toBe("libsql://shop.turso.io");
  });

  it.each([
    [{ API_PORT: "abc" }, "API_PORT"],
    [{ API_PORT: "70000" }, "API_PORT"],
    [{ DATABASE_URL: "postgres://x" }, "DATABASE_URL"],
    [{ STOREFRONT_ROOT_DOMAIN: "https://shops.example.com" }, "STOREFRONT_ROOT_DOMAIN"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ SEED_DEMO: "maybe" }, "SEED_DEMO"],
    [{ CHECKOUT_LIMIT_PER_IP: "0" }, "CHECKOUT_LIMIT_PER_IP"],
    [{ SHOP_MAX_IN_FLIGHT: "many" }, "SHOP_MAX_IN_FLIGHT"],
    [{ STOREFRONT_SECRET: "short" }, "STOREFRONT_SECRET"],
    [{ NODE_ENV: "test", TEST_PASSWORD_HASH_LOG2_N: "9" }, "TEST_PASSWORD_HASH_LOG2_N"],
    [{ NODE_ENV: "production", TEST_PASSWORD_HASH_LOG2_N: "12" }, "TEST_PASSWORD_HASH_LOG2_N"],
    [{ TEST_PASSWORD_HASH_LOG2_N: "12" }, "TEST_PASSWORD_HASH_LOG2_N"],
  ])("refuses %j, naming the variable", (source, name) => {
    expect(() => parseEnv(source)).toThrow(EnvError);
    expect(() => parseEnv(source)).toThrow(new RegExp(`${name}:`));
  });

  it("has per-process load-shedding defaults (decision 014)", () => {
    expect(parseEnv({})).toMatchObject({
      RATE_LIMIT_WINDOW_MS: 10_000,
      CHECKOUT_LIMIT_PER_IP: 10,
      CHECKOUT_LIMIT_PER_SHOP: 100,
      CART_LIMIT_PER_IP: 60,
      CART_LIMIT_PER_SHOP: 1000,
      SHOP_MAX_IN_FLIGHT: 8,
      SHOP_MAX_QUEUED: 16,
    });
    expect(parseEnv({}).STOREFRONT_SECRET).toBeUndefined();
  });

  it("lowers the password hash's cost only for tests, and never by default", async () => {
    expect(parseEnv({}).TEST_PASSWORD_HASH_LOG2_N).toBeUndefined();
    const env = parseEnv({ NODE_ENV: "test", TEST_PASSWORD_HASH_LOG2_N: "12" });
    const hasher = createHasher(env);
    const production = createHasher(parseEnv({}));
    try {
      expect(await hasher.hash("a passphrase")).toMatch(/^scrypt\$4096\$8\$1\$/);
      expect(await production.hash("a passphrase")).toMatch(/^scrypt\$131072\$8\$1\$/);
    } finally {
      await Promise.all([hasher.close(), production.close()]);
    }
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ API_PORT: "" }).API_PORT).toBe(8787);
  });
});
