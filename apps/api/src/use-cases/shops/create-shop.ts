import { platform } from "@stall/db";
import { type AuditEvent, type CreateShopInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";
import { forgetCohortFigures } from "../operator/get-cohort-figures.ts";
import { applyShopTemplate } from "./apply-shop-template.ts";

/** The programme an invitation code belongs to, or a plain refusal (unknown code, or the programme ended). */
async function cohortFor(deps: Deps, code: string) {
  const cohort = await platform(deps.database.db).cohorts.findByInviteCode(code);
  if (!cohort) {
    throw new DomainError("validation_failed", "This invitation link is not known; ask the programme for a new one", {
      errors: [{ path: "cohortCode", message: "Unknown invitation" }],
    });
  }
  if (cohort.archivedAt !== null) {
    throw new DomainError(
      "conflict",
      `The programme "${cohort.name}" has ended: its invitation link no longer adds shops. You can still open a shop without it.`,
      { errors: [{ path: "cohortCode", message: "This programme has ended" }] },
    );
  }
  return cohort;
}

/**
 * Opens a new shop with the signed-in user as its owner; through a programme's invitation it joins that
 * programme, and with a trade's template it starts with sample pages and collections.
 */
export async function createShop(deps: Deps, options: { userId: string; input: CreateShopInput; actor: AuditActor }) {
  const directory = platform(deps.database.db);
  const { input } = options;
  const taken = () =>
    new DomainError("slug_taken", `The address ${input.slug}.${deps.config.rootDomain} is taken; try another`, {
      errors: [{ path: "slug", message: "This address is taken" }],
    });
  const cohort = input.cohortCode ? await cohortFor(deps, input.cohortCode) : undefined;
  if (await directory.shops.findBySlug(input.slug)) throw taken();
  const membershipId = deps.newId("membership");
  let shop: Awaited<ReturnType<typeof directory.shops.create>>;
  try {
    shop = await directory.shops.create(
      {
        id: deps.newId("shop"),
        slug: input.slug,
        name: input.name,
        currency: input.currency,
        locale: input.locale,
        ownerUserId: options.userId,
        membershipId,
        taxSettingsId: deps.newId("taxSettings"),
        cohortId: cohort?.id ?? null,
      },
      deps.clock.now(),
    );
  } catch (error) {
    if (await directory.shops.findBySlug(input.slug)) throw taken();
    throw error;
  }
  await recordAudit(deps, {
    actor: options.actor,
    shopId: shop.id,
    action: "shop.created" satisfies AuditEvent,
    targetType: "shop",
    targetId: shop.id,
    data: { slug: shop.slug, ...(cohort ? { cohortId: cohort.id } : {}) },
  });
  // The programme's figures count the new shop at once, not after the minute they are kept for.
  if (cohort) forgetCohortFigures(deps, cohort.id);
  return input.template ? applyShopTemplate(deps, { shop, membershipId, template: input.template }) : shop;
}
