import { randomBytes } from "node:crypto";
import { type DomainRow, platform } from "@stall/db";
import { type AddDomainInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";
import { assertRoom, countDomains, planOf } from "../plans/plan-room.ts";

/** Where the owner puts the TXT record, and what it must say. */
export function verificationRecord(domain: DomainRow) {
  return {
    type: "TXT" as const,
    name: `_stall-verify.${domain.hostname}`,
    value: `stall-verify=${domain.verificationToken}`,
  };
}

/** When an unverified claim stops holding anything; a verified domain does not expire. */
function claimExpiresAt(deps: Deps, domain: DomainRow): number | null {
  return domain.verifiedAt === null ? domain.createdAt + deps.config.domainClaimTtlMs : null;
}

export function toDomainResponse(deps: Deps, domain: DomainRow) {
  return {
    id: domain.id,
    hostname: domain.hostname,
    isVerified: domain.verifiedAt !== null,
    verifiedAt: domain.verifiedAt,
    verification: verificationRecord(domain),
    expiresAt: claimExpiresAt(deps, domain),
    createdAt: domain.createdAt,
  };
}

const hoursOf = (ms: number) => Math.round(ms / 3_600_000);

export async function addDomain(deps: Deps, options: { access: ShopAccess; input: AddDomainInput }) {
  const { hostname } = options.input;
  const root = deps.config.rootDomain;
  if (hostname === root || hostname.endsWith(`.${root}`)) {
    throw new DomainError("validation_failed", `Addresses under ${root} are given by Stall; add a domain you own`, {
      errors: [{ path: "hostname", message: `Not under ${root}` }],
    });
  }
  const directory = platform(deps.database.db);
  const shopId = options.access.shop.id;
  const now = deps.clock.now();
  // Pending claims of other shops do not block: anyone can type a hostname, only its owner can
  // verify it. A verified claim does block.
  const claims = await directory.domains.claimsOf(hostname);
  if (claims.some((claim) => claim.verifiedAt !== null)) {
    throw new DomainError("conflict", `${hostname} is already connected to a shop`);
  }
  const own = claims.find((claim) => claim.shopId === shopId);
  if (own && (claimExpiresAt(deps, own) ?? now) > now) {
    throw new DomainError("conflict", `${hostname} is already added to this shop; add its TXT record and verify it`);
  }
  const plan = await planOf(deps, options.access.shop);
  assertRoom(deps, plan, "custom_domains", await countDomains(deps, shopId, now), { allowed: plan.maxCustomDomains });
  // An expired claim of this shop: start again with a fresh record.
  if (own) await directory.domains.remove(shopId, own.id);
  const domain = await directory.domains.add({
    id: deps.newId("domain"),
    shopId,
    hostname,
    verificationToken: randomBytes(16).toString("hex"),
    createdAt: now,
  });
  return toDomainResponse(deps, domain);
}

/** Checks the DNS TXT record; a verified domain starts serving the shop. */
export async function verifyDomain(deps: Deps, options: { access: ShopAccess; domainId: string }) {
  const directory = platform(deps.database.db);
  const domain = await directory.domains.get(options.access.shop.id, options.domainId);
  if (!domain) throw new DomainError("not_found", "No such domain in this shop");
  if (domain.verifiedAt) return toDomainResponse(deps, domain);
  const now = deps.clock.now();
  if ((claimExpiresAt(deps, domain) ?? now) <= now) {
    throw new DomainError(
      "gone",
      `This claim on ${domain.hostname} was not verified within ${hoursOf(deps.config.domainClaimTtlMs)} hours and has expired; add the domain again for a new TXT record`,
    );
  }
  const record = verificationRecord(domain);
  const answers = await deps.dns.resolveTxt(record.name);
  if (!answers.some((chunks) => chunks.join("") === record.value)) {
    throw new DomainError(
      "precondition_failed",
      `No TXT record ${record.name} saying "${record.value}" yet. DNS changes can take up to an hour; try again later.`,
    );
  }
  const verified = await directory.domains.markVerified(
    options.access.shop.id,
    domain.id,
    now,
    now - deps.config.domainClaimTtlMs,
  );
  if (!verified) {
    throw new DomainError(
      "conflict",
      `${domain.hostname} was just verified by another shop. If the domain is yours, remove the other shop's TXT record and contact support.`,
    );
  }
  // The storefront caches by version: a new address must be noticed.
  await directory.shops.updateSettings(options.access.shop.id, {}, deps.clock.now());
  return toDomainResponse(deps, verified);
}

export async function listDomains(deps: Deps, options: { access: ShopAccess }) {
  const domains = await platform(deps.database.db).domains.listForShop(options.access.shop.id);
  return domains.map((domain) => toDomainResponse(deps, domain));
}

export async function removeDomain(deps: Deps, options: { access: ShopAccess; domainId: string }) {
  const directory = platform(deps.database.db);
  if (!(await directory.domains.remove(options.access.shop.id, options.domainId))) {
    throw new DomainError("not_found", "No such domain in this shop");
  }
  await directory.shops.updateSettings(options.access.shop.id, {}, deps.clock.now());
}
