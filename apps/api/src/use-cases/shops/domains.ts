import { randomBytes } from "node:crypto";
import { type DomainRow, platform } from "@stall/db";
import { type AddDomainInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../../http/app-env.ts";

/** Where the owner puts the TXT record, and what it must say. */
export function verificationRecord(domain: DomainRow) {
  return {
    type: "TXT" as const,
    name: `_stall-verify.${domain.hostname}`,
    value: `stall-verify=${domain.verificationToken}`,
  };
}

export function toDomainResponse(domain: DomainRow) {
  return {
    id: domain.id,
    hostname: domain.hostname,
    isVerified: domain.verifiedAt !== null,
    verifiedAt: domain.verifiedAt,
    verification: verificationRecord(domain),
    createdAt: domain.createdAt,
  };
}

export async function addDomain(deps: Deps, options: { access: ShopAccess; input: AddDomainInput }) {
  const { hostname } = options.input;
  const root = deps.config.rootDomain;
  if (hostname === root || hostname.endsWith(`.${root}`)) {
    throw new DomainError("validation_failed", `Addresses under ${root} are given by Stall; add a domain you own`, {
      errors: [{ path: "hostname", message: `Not under ${root}` }],
    });
  }
  const directory = platform(deps.database.db);
  if (await directory.domains.findByHostname(hostname)) {
    throw new DomainError("conflict", `${hostname} is already connected to a shop`);
  }
  const domain = await directory.domains.add({
    id: deps.newId("domain"),
    shopId: options.access.shop.id,
    hostname,
    verificationToken: randomBytes(16).toString("hex"),
    createdAt: deps.clock.now(),
  });
  return toDomainResponse(domain);
}

/** Checks the DNS TXT record; a verified domain starts serving the shop. */
export async function verifyDomain(deps: Deps, options: { access: ShopAccess; domainId: string }) {
  const directory = platform(deps.database.db);
  const domain = await directory.domains.get(options.access.shop.id, options.domainId);
  if (!domain) throw new DomainError("not_found", "No such domain in this shop");
  if (domain.verifiedAt) return toDomainResponse(domain);
  const record = verificationRecord(domain);
  const answers = await deps.dns.resolveTxt(record.name);
  if (!answers.some((chunks) => chunks.join("") === record.value)) {
    throw new DomainError(
      "precondition_failed",
      `No TXT record ${record.name} saying "${record.value}" yet. DNS changes can take up to an hour; try again later.`,
    );
  }
  const verified = await directory.domains.markVerified(options.access.shop.id, domain.id, deps.clock.now());
  if (!verified) throw new DomainError("not_found", "No such domain in this shop");
  // The storefront caches by version: a new address must be noticed.
  await directory.shops.updateSettings(options.access.shop.id, {}, deps.clock.now());
  return toDomainResponse(verified);
}

export async function listDomains(deps: Deps, options: { access: ShopAccess }) {
  const domains = await platform(deps.database.db).domains.listForShop(options.access.shop.id);
  return domains.map(toDomainResponse);
}

export async function removeDomain(deps: Deps, options: { access: ShopAccess; domainId: string }) {
  const directory = platform(deps.database.db);
  if (!(await directory.domains.remove(options.access.shop.id, options.domainId))) {
    throw new DomainError("not_found", "No such domain in this shop");
  }
  await directory.shops.updateSettings(options.access.shop.id, {}, deps.clock.now());
}
