// Reading the audit log in tests (decision 024): every test that checks an action was recorded uses these,
// so "recorded" means the same everywhere: the entry exists, names its actor and role, its shop, and the
// address the request came from.
import { type AuditFilter, type AuditListing, platform } from "@stall/db";
import { expect } from "vitest";
import type { Harness } from "./harness.ts";

/** Every entry matching the filter, newest first. */
export async function auditEntries(harness: Harness, filter: AuditFilter = {}): Promise<AuditListing[]> {
  const audit = platform(harness.database.db).audit;
  const entries: AuditListing[] = [];
  let cursor: string | undefined;
  do {
    const page = await audit.list(filter, { limit: 500, cursor });
    entries.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return entries;
}

export type ExpectedEntry = {
  action: string;
  shopId?: string | null;
  actorUserId?: string | null;
  actorRole?: string;
  targetId?: string;
  /** The address the request came from; any non-empty address when left out. */
  ip?: string;
};

/**
 * Asserts that exactly `count` entries (default 1) match, each with an address, and returns the newest.
 * Fields left out of `expected` are not checked, except the address, which must always be there.
 */
export async function expectAudited(harness: Harness, expected: ExpectedEntry, count = 1): Promise<AuditListing> {
  const matching = (await auditEntries(harness, { action: expected.action })).filter(
    (entry) =>
      entry.action === expected.action &&
      (expected.shopId === undefined || entry.shopId === expected.shopId) &&
      (expected.actorUserId === undefined || entry.actorUserId === expected.actorUserId) &&
      (expected.actorRole === undefined || entry.actorRole === expected.actorRole) &&
      (expected.targetId === undefined || entry.targetId === expected.targetId),
  );
  expect(matching, `audit entries for ${JSON.stringify(expected)}`).toHaveLength(count);
  for (const entry of matching) {
    if (expected.ip !== undefined) expect(entry.ip).toBe(expected.ip);
    else expect(entry.ip).toMatch(/\S/);
    expect(entry.createdAt).toBeGreaterThan(0);
  }
  return matching[0] as AuditListing;
}

/** Headers that make app.request() look like it came from `ip` through a Stall front end. */
export function fromAddress(harness: Harness, ip: string): Record<string, string> {
  return { "X-Stall-Client-Ip": ip, "X-Stall-Storefront-Secret": harness.deps.config.storefrontSecret };
}
