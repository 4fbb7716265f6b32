import { describe, expect, it } from "vitest";
import { clientAddress } from "./client-address.ts";

describe("clientAddress", () => {
  it("is the socket's address unless a proxy is trusted", () => {
    expect(clientAddress({ trustProxy: false, forwardedFor: "203.0.113.9", socket: "198.51.100.1" })).toBe(
      "198.51.100.1",
    );
    expect(clientAddress({ trustProxy: true, forwardedFor: undefined, socket: "127.0.0.1" })).toBe("127.0.0.1");
    expect(clientAddress({ trustProxy: true, forwardedFor: " , ", socket: "127.0.0.1" })).toBe("127.0.0.1");
  });

  it("behind a trusted proxy, the hop the proxy added, never one the client wrote", () => {
    expect(clientAddress({ trustProxy: true, forwardedFor: "203.0.113.9", socket: "127.0.0.1" })).toBe("203.0.113.9");
    // A client that sends its own X-Forwarded-For to pass for someone else: nginx appends the real address.
    expect(clientAddress({ trustProxy: true, forwardedFor: "6.6.6.6, 203.0.113.9", socket: "127.0.0.1" })).toBe(
      "203.0.113.9",
    );
  });
});
