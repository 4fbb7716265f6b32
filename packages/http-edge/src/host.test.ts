import { describe, expect, it } from "vitest";
import { isValidHostHeader } from "./host.ts";

describe("isValidHostHeader", () => {
  it.each([
    "localhost",
    "demo.localhost:4321",
    "Demo.Example.COM",
    "shop.example.com.",
    "127.0.0.1",
    "127.0.0.1:8080",
    "[::1]",
    "[::1]:4321",
    "[2001:db8::1]:443",
    "xn--fiq228c.example.com",
    "stall_api:8787",
    `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
  ])("takes %s", (host) => {
    expect(isValidHostHeader(host)).toBe(true);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["a user before @", "evil@demo.localhost"],
    ["only @", "@"],
    ["a space inside", "demo localhost"],
    ["a leading space", " demo.localhost"],
    ["a tab", "demo.localhost\t"],
    ["a path", "demo.localhost/x"],
    ["a query", "demo.localhost?x"],
    ["a fragment", "demo.localhost#x"],
    ["a backslash", "demo.localhost\\x"],
    ["a percent escape", "demo%2elocalhost"],
    ["raw unicode", "茶山.localhost"],
    ["an empty port", "demo.localhost:"],
    ["a port over 65535", "demo.localhost:65536"],
    ["a six-digit port", "demo.localhost:123456"],
    ["a port that is not a number", "demo.localhost:http"],
    ["two ports", "demo.localhost:1:2"],
    ["a bare IPv6 address", "::1"],
    ["an IPv6 literal that is not one", "[::g]"],
    ["an unclosed IPv6 literal", "[::1"],
    ["an IPv6 literal with a zone", "[fe80::1%25eth0]"],
    ["a leading dot", ".localhost"],
    ["two dots in a row", "demo..localhost"],
    ["too long", `${"a".repeat(254)}`],
    ["very long", "a".repeat(100_000)],
  ])("refuses %s", (_, host) => {
    expect(isValidHostHeader(host)).toBe(false);
  });
});
