import { lookup, Resolver } from "node:dns/promises";

/** Looks up TXT records; injected so domain verification is testable without DNS. */
export type DnsResolver = { resolveTxt(hostname: string): Promise<string[][]> };

export function createSystemDnsResolver(): DnsResolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  return {
    async resolveTxt(hostname) {
      try {
        return await resolver.resolveTxt(hostname);
      } catch {
        // NXDOMAIN, no TXT records or no network: "not verified yet", never an error page.
        return [];
      }
    },
  };
}

/** Every address a host name stands for; injected so the photo fetcher's address checks are testable. */
export type HostLookup = (hostname: string) => Promise<{ address: string; family: 4 | 6 }[]>;

/** The system resolver (getaddrinfo: /etc/hosts, then DNS), every address, in the order it gives them. */
export function createSystemHostLookup(): HostLookup {
  return async (hostname) => {
    const addresses = await lookup(hostname, { all: true, verbatim: true });
    return addresses.map((entry) => ({ address: entry.address, family: entry.family === 6 ? 6 : 4 }));
  };
}
