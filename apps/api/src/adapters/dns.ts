import { Resolver } from "node:dns/promises";

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
