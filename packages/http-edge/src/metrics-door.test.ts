import { describe, expect, it } from "vitest";
import { metricsDoor } from "./metrics-door.ts";

const none = () => undefined;

describe("metricsDoor", () => {
  it("without a token, opens only to a loopback socket with no forwarding headers", () => {
    for (const remoteAddress of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.1.2.3"]) {
      expect(metricsDoor({ token: undefined, authorization: null, remoteAddress, header: none })).toBe("open");
    }
    for (const remoteAddress of ["10.0.0.5", "192.168.1.2", "::ffff:10.0.0.1", "2001:db8::1", undefined]) {
      expect(metricsDoor({ token: "", authorization: null, remoteAddress, header: none })).toBe("hidden");
    }
    const proxied = (name: string) => (name === "x-forwarded-for" ? "203.0.113.9" : undefined);
    expect(metricsDoor({ token: undefined, authorization: null, remoteAddress: "127.0.0.1", header: proxied })).toBe(
      "hidden",
    );
  });

  it("with a token, opens to the right bearer from anywhere and to nothing else", () => {
    const token = "a-long-metrics-token-0123456789";
    const ask = (authorization: string | null, remoteAddress = "203.0.113.9") =>
      metricsDoor({ token, authorization, remoteAddress, header: none });
    expect(ask(`Bearer ${token}`)).toBe("open");
    expect(ask(`bearer ${token}`)).toBe("open");
    expect(ask("Bearer wrong")).toBe("unauthorized");
    expect(ask(token)).toBe("unauthorized");
    expect(ask(null)).toBe("unauthorized");
    // A token set means a token is needed, even on loopback.
    expect(ask(null, "127.0.0.1")).toBe("unauthorized");
  });
});
