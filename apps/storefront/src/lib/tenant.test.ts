import { describe, expect, it } from "vitest";
import { portOf, shopHostKey, shopSlugFromHost } from "./tenant.ts";

describe("shopSlugFromHost", () => {
  it.each([
    ["demo.localhost:4321", "localhost", "demo"],
    ["demo.localhost", "localhost", "demo"],
    ["DEMO.Localhost:4321", "localhost", "demo"],
    ["demo.localhost.:4321", "localhost", "demo"],
    ["tea-house-2.stall.example", "stall.example", "tea-house-2"],
    ["tea-house.stall.example", "STALL.example", "tea-house"],
    [`${"a".repeat(63)}.localhost`, "localhost", "a".repeat(63)],
    ["localhost:4321", "localhost", undefined],
    ["127.0.0.1:4321", "localhost", undefined],
    ["[::1]:4321", "localhost", undefined],
    ["a.b.localhost", "localhost", undefined],
    ["-demo.localhost", "localhost", undefined],
    ["demo-.localhost", "localhost", undefined],
    ["de_mo.localhost", "localhost", undefined],
    ["demolocalhost", "localhost", undefined],
    ["demo.localhost.evil.example", "localhost", undefined],
    ["evil.example/.localhost", "localhost", undefined],
    ["user@demo.localhost", "localhost", undefined],
    ["", "localhost", undefined],
    [null, "localhost", undefined],
  ])("%s under %s is %s", (host, root, slug) => {
    expect(shopSlugFromHost(host, root)).toBe(slug);
  });
});

describe("portOf", () => {
  it.each([
    ["demo.localhost:4321", "4321"],
    ["demo.localhost", ""],
    ["[::1]:8080", "8080"],
    ["demo.localhost:80", ""],
    [null, ""],
  ])("%s has port %j", (host, port) => {
    expect(portOf(host)).toBe(port);
  });
});

describe("shopHostKey", () => {
  it.each([
    ["demo.localhost:4321", "demo.localhost:4321"],
    ["Demo.Localhost.:4321", "demo.localhost:4321"],
    ["shop.example.com", "shop.example.com"],
    ["shop.example.com:80", "shop.example.com"],
    ["127.0.0.1:4321", "127.0.0.1:4321"],
    ["[::1]:4321", undefined],
    ["user@demo.localhost", undefined],
    ["demo.localhost/x", undefined],
    ["", undefined],
    [null, undefined],
  ])("%s is %s", (host, key) => {
    expect(shopHostKey(host)).toBe(key);
  });
});
