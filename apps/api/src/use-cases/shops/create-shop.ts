import { platform } from "@stall/db";
import { type AuditEvent, type CreateShopInput, DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { type AuditActor, recordAudit } from "../audit/record-audit.ts";

/** Opens a new shop with the signed-in user as its owner. */
export async function createShop(deps: Deps, options: { userId: string; input: CreateShopInput; actor: AuditActor }) {
  const directory = platform(deps.database.db);
  const { input } = options;
  const taken = () =>
    new DomainError("slug_taken", `The address ${input.slug}.${deps.config.rootDomain} is taken; try another`, {
      errors: [{ path: "slug", message: "This address is taken" }],
    });
  if (await directory.shops.findBySlug(input.slug)) throw taken();
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
        membershipId: deps.newId("membership"),
        taxSettingsId: deps.newId("taxSettings"),
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
    data: { slug: shop.slug },
  });
  return shop;
}
