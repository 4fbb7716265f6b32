import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { platform } from "@stall/db";
import {
  AcceptInviteInput,
  AddDomainInput,
  type AuditEvent,
  ChangeMemberInput,
  CreateInviteInput,
  CreateShopInput,
  ListQuery,
  LOCALES,
  MEMBERSHIP_ROLES,
  PAYMENT_METHODS,
  SHOP_STATUSES,
  SupportAccessInput,
  TaxSettingsInput,
  THEME_PRESETS,
  UpdateShopInput,
} from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { auditActor, noteAudit } from "../http/audit.ts";
import { permit } from "../http/shop-access.ts";
import { createShop } from "../use-cases/shops/create-shop.ts";
import { addDomain, listDomains, removeDomain, verifyDomain } from "../use-cases/shops/domains.ts";
import { exportShopArchive } from "../use-cases/shops/export-shop-archive.ts";
import {
  acceptInvite,
  changeMemberRights,
  createInvite,
  listMembers,
  revokeInvite,
  revokeMember,
} from "../use-cases/shops/members.ts";
import { createPreviewLink } from "../use-cases/shops/preview-link.ts";
import { toShopResponse } from "../use-cases/shops/serialise.ts";
import { setSupportAccess } from "../use-cases/shops/support-access.ts";
import { getTaxSettings, setTaxSettings } from "../use-cases/shops/tax.ts";
import { setShopPublished, updateShop } from "../use-cases/shops/update-shop.ts";
import {
  authErrors,
  bearer,
  errorResponse,
  idParam,
  jsonBody,
  jsonResponse,
  Page,
  ShopIdParam,
  shopErrors,
} from "./common.ts";

const Shop = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    url: z.string(),
    status: z.enum(SHOP_STATUSES),
    statusReason: z
      .string()
      .nullable()
      .openapi({ description: "Why Stall suspended or closed the shop, in the operator's words; null while open." }),
    statusChangedAt: z.number().int().nullable(),
    appealEmail: z.string().openapi({ description: "Where the owner writes to appeal a suspension or closure." }),
    supportAccessUntil: z
      .number()
      .int()
      .nullable()
      .openapi({ description: "Stall's operators may look at the shop (read-only) until then; null: not at all." }),
    isPublished: z.boolean(),
    publishedAt: z.number().int().nullable(),
    planId: z.string(),
    currency: z.string(),
    locale: z.string().openapi({ description: `One of ${LOCALES.join(", ")}` }),
    extraLocales: z.array(z.string()),
    tagline: z.string(),
    contactEmail: z.string().nullable(),
    contactPhone: z.string().nullable(),
    address: z.string().nullable(),
    themePreset: z.string().openapi({ description: `One of ${THEME_PRESETS.join(", ")}` }),
    themeTokens: z.object({
      accent: z.string().optional(),
      background: z.string().optional(),
      text: z.string().optional(),
      radius: z.enum(["none", "small", "large"]).optional(),
      density: z.enum(["cosy", "roomy"]).optional(),
    }),
    logoMediaId: z.string().nullable(),
    socialLinks: z.array(z.object({ label: z.string(), url: z.string() })),
    policies: z.object({
      returns: z.string().optional(),
      delivery: z.string().optional(),
      privacy: z.string().optional(),
      terms: z.string().optional(),
    }),
    paymentMethods: z.array(z.string()).openapi({ description: `Each one of ${PAYMENT_METHODS.join(", ")}` }),
    bankTransferInstructions: z.string().nullable(),
    isPaused: z.boolean().openapi({ description: "Holiday mode: the shop takes no new orders." }),
    pauseMessage: z.string().openapi({ description: "Shown to buyers on every page while paused." }),
    deletionDueAt: z.number().int().nullable().openapi({
      description:
        "When the shop and everything in it is deleted for good; null when no deletion is scheduled. Until then buyers see the shop as closed and the owner can undo.",
    }),
    stripe: z.object({ isConnected: z.boolean(), chargesEnabled: z.boolean() }),
    storageUsedBytes: z.number().int(),
    version: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("Shop");

const Domain = z
  .object({
    id: z.string(),
    hostname: z.string(),
    isVerified: z.boolean(),
    verifiedAt: z.number().nullable(),
    verification: z.object({ type: z.literal("TXT"), name: z.string(), value: z.string() }),
    /** An unverified claim lapses then (epoch ms); null once verified. */
    expiresAt: z.number().nullable(),
    createdAt: z.number(),
  })
  .openapi("Domain");

const Invite = z
  .object({
    id: z.string(),
    role: z.enum(["staff", "helper"]),
    permissions: z.array(z.string()),
    email: z.string().nullable(),
    token: z.string(),
    acceptUrl: z.string(),
    expiresAt: z.number(),
  })
  .openapi("Invite");

const Members = z
  .object({
    members: z.array(
      z.object({
        id: z.string(),
        role: z.enum(MEMBERSHIP_ROLES),
        permissions: z.array(z.string()),
        user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
        createdAt: z.number(),
      }),
    ),
    invites: z.array(
      z.object({
        id: z.string(),
        role: z.enum(["staff", "helper"]),
        permissions: z.array(z.string()),
        email: z.string().nullable(),
        expiresAt: z.number(),
      }),
    ),
  })
  .openapi("Members");

const AuditEntry = z
  .object({
    id: z.string(),
    actorUserId: z.string().nullable(),
    actorRole: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.number(),
  })
  .openapi("AuditEntry");

const Tax = z
  .object({
    mode: z.enum(["included", "added", "none"]),
    rate: z.number().int(),
    label: z.string(),
    appliesToFulfilment: z.boolean(),
  })
  .openapi("TaxSettings");

const tags = ["Shops"];

const routes = {
  create: createRoute({
    operationId: "createShop",
    method: "post",
    path: "/v1/shops",
    tags,
    summary: "Open a shop",
    description: "The signed-in user becomes its owner. `slug` is the shop's address: {slug}.{root domain}.",
    security: bearer,
    request: jsonBody(CreateShopInput),
    responses: { 201: jsonResponse(Shop, "Created"), 409: errorResponse("The address is taken"), ...authErrors },
  }),
  get: createRoute({
    operationId: "getShop",
    method: "get",
    path: "/v1/shops/{shopId}",
    tags,
    summary: "A shop and its settings",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(Shop, "The shop"), ...shopErrors },
  }),
  update: createRoute({
    operationId: "updateShop",
    method: "patch",
    path: "/v1/shops/{shopId}",
    tags,
    summary: "Change a shop's settings",
    description:
      "Name, tagline, contact, address, currency, languages, look, logo, links, policies, payment methods, holiday mode (`isPaused` with `pauseMessage`).",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(UpdateShopInput) },
    responses: {
      200: jsonResponse(Shop, "Updated"),
      409: errorResponse(
        "The change conflicts with the shop's data, or turns on a way of paying the plan does not include (`plan_limit_reached`, `limit: payment_methods`)",
      ),
      ...shopErrors,
    },
  }),
  supportAccess: createRoute({
    operationId: "setSupportAccess",
    method: "put",
    path: "/v1/shops/{shopId}/support-access",
    tags,
    summary: "Let Stall's operators look at the shop, or stop them",
    description:
      "Owner only. `24h` or `7d` lets operators open the shop's dashboard read-only until then (every visit is in the audit log); `off` ends it now.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(SupportAccessInput) },
    responses: {
      200: jsonResponse(z.object({ supportAccessUntil: z.number().int().nullable() }), "Changed"),
      ...shopErrors,
    },
  }),
  publish: createRoute({
    operationId: "publishShop",
    method: "post",
    path: "/v1/shops/{shopId}/publish",
    tags,
    summary: "Open the shop to shoppers",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(Shop, "Published"), ...shopErrors },
  }),
  unpublish: createRoute({
    operationId: "unpublishShop",
    method: "post",
    path: "/v1/shops/{shopId}/unpublish",
    tags,
    summary: "Hide the shop from shoppers",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(Shop, "Unpublished"), ...shopErrors },
  }),
  previewLink: createRoute({
    operationId: "createPreviewLink",
    method: "post",
    path: "/v1/shops/{shopId}/preview-link",
    tags,
    summary: "A link to see the shop before it is published",
    description: "Anyone with the link sees the unpublished shop for 7 days. Publishing makes it public for everyone.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      201: jsonResponse(z.object({ url: z.string(), expiresAt: z.number() }).openapi("PreviewLink"), "The link"),
      ...shopErrors,
    },
  }),
  getTax: createRoute({
    operationId: "getTaxSettings",
    method: "get",
    path: "/v1/shops/{shopId}/tax",
    tags,
    summary: "Tax settings",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(Tax, "Tax settings"), ...shopErrors },
  }),
  setTax: createRoute({
    operationId: "setTaxSettings",
    method: "put",
    path: "/v1/shops/{shopId}/tax",
    tags,
    summary: "Set tax: included in prices, added at checkout, or none",
    description: "`rate` is in basis points: 1000 is 10%.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(TaxSettingsInput) },
    responses: { 200: jsonResponse(Tax, "Saved"), ...shopErrors },
  }),
  listDomains: createRoute({
    operationId: "listDomains",
    method: "get",
    path: "/v1/shops/{shopId}/domains",
    tags: ["Domains"],
    summary: "The shop's own domains",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(z.object({ items: z.array(Domain) }), "Domains"), ...shopErrors },
  }),
  addDomain: createRoute({
    operationId: "addDomain",
    method: "post",
    path: "/v1/shops/{shopId}/domains",
    tags: ["Domains"],
    summary: "Connect a domain you own",
    description:
      "Answers with the TXT record to add at your DNS provider; then call verify. Until verified, the claim blocks no other shop and lapses at `expiresAt` (72 hours by default); the first shop to verify a hostname gets it.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(AddDomainInput) },
    responses: {
      201: jsonResponse(Domain, "Added, not yet verified"),
      409: errorResponse(
        "Already connected, or the plan's limit of own addresses is reached (`plan_limit_reached`, `limit: custom_domains`)",
      ),
      ...shopErrors,
    },
  }),
  verifyDomain: createRoute({
    operationId: "verifyDomain",
    method: "post",
    path: "/v1/shops/{shopId}/domains/{domainId}/verify",
    tags: ["Domains"],
    summary: "Check the domain's TXT record",
    security: bearer,
    request: { params: idParam("domainId") },
    responses: {
      200: jsonResponse(Domain, "Verified"),
      409: errorResponse("Another shop verified this hostname first"),
      410: errorResponse("The unverified claim expired; add the domain again"),
      412: errorResponse("The TXT record is not there yet"),
      ...shopErrors,
    },
  }),
  removeDomain: createRoute({
    operationId: "removeDomain",
    method: "delete",
    path: "/v1/shops/{shopId}/domains/{domainId}",
    tags: ["Domains"],
    summary: "Disconnect a domain",
    security: bearer,
    request: { params: idParam("domainId") },
    responses: { 204: { description: "Removed" }, ...shopErrors },
  }),
  listMembers: createRoute({
    operationId: "listMembers",
    method: "get",
    path: "/v1/shops/{shopId}/members",
    tags: ["Members"],
    summary: "Who works on the shop, and open invitations",
    security: bearer,
    request: { params: ShopIdParam },
    responses: { 200: jsonResponse(Members, "Members and invitations"), ...shopErrors },
  }),
  createInvite: createRoute({
    operationId: "createInvite",
    method: "post",
    path: "/v1/shops/{shopId}/invites",
    tags: ["Members"],
    summary: "Invite staff or a helper",
    description:
      "A helper (a relative, a volunteer, a programme officer) gets only the rights listed: catalogue, orders, settings, content. The link expires in 7 days; everything members do is in the audit log.",
    security: bearer,
    request: { params: ShopIdParam, ...jsonBody(CreateInviteInput) },
    responses: {
      201: jsonResponse(Invite, "The invitation with its link"),
      409: errorResponse(
        "The plan's limit of people is reached; open invitations count (`plan_limit_reached`, `limit: members`)",
      ),
      ...shopErrors,
      403: errorResponse("Only the owner invites"),
    },
  }),
  revokeInvite: createRoute({
    operationId: "revokeInvite",
    method: "delete",
    path: "/v1/shops/{shopId}/invites/{inviteId}",
    tags: ["Members"],
    summary: "Withdraw an invitation",
    security: bearer,
    request: { params: idParam("inviteId") },
    responses: { 204: { description: "Withdrawn" }, ...shopErrors },
  }),
  changeMember: createRoute({
    operationId: "changeMember",
    method: "patch",
    path: "/v1/shops/{shopId}/members/{membershipId}",
    tags: ["Members"],
    summary: "Change what a member may do",
    description:
      "`staff` may do everything but the owner's tasks; a `helper` only the `permissions` listed (at least one). Applies from the member's next request and is written to the audit log. The owner's own access cannot change.",
    security: bearer,
    request: { params: idParam("membershipId"), ...jsonBody(ChangeMemberInput) },
    responses: {
      200: jsonResponse(
        z
          .object({ id: z.string(), role: z.enum(MEMBERSHIP_ROLES), permissions: z.array(z.string()) })
          .openapi("MemberRights"),
        "Changed",
      ),
      409: errorResponse("The owner's own access cannot change"),
      ...shopErrors,
    },
  }),
  revokeMember: createRoute({
    operationId: "revokeMember",
    method: "delete",
    path: "/v1/shops/{shopId}/members/{membershipId}",
    tags: ["Members"],
    summary: "Take a member's access away",
    security: bearer,
    request: { params: idParam("membershipId") },
    responses: {
      204: { description: "Removed" },
      409: errorResponse("The owner cannot remove themselves"),
      ...shopErrors,
    },
  }),
  acceptInvite: createRoute({
    operationId: "acceptInvite",
    method: "post",
    path: "/v1/invites/accept",
    tags: ["Members"],
    summary: "Join a shop from an invitation",
    security: bearer,
    request: jsonBody(AcceptInviteInput),
    responses: {
      200: jsonResponse(z.object({ shopId: z.string(), role: z.string(), permissions: z.array(z.string()) }), "Joined"),
      409: errorResponse("You own the shop the invitation is for"),
      410: errorResponse("Expired, used or withdrawn"),
      ...authErrors,
    },
  }),
  exportShop: createRoute({
    operationId: "exportShop",
    method: "get",
    path: "/v1/shops/{shopId}/export",
    tags,
    summary: "Everything in the shop, as one zip download (the owner only)",
    description:
      "A zip, streamed, holding one folder: `shop.json` (the shop's details and settings, products with their sizes and colours, collections, pages, and orders with the buyers' details and history), `tables/<table>.json` and `.csv` for every table of the shop as stored, `photos/` (each photo at the largest size kept), `storefront/index.html` (the shop's published pages rendered by the storefront, opening from disk) and `README.txt`. No passwords, tokens, idempotency keys or payment-provider ids (the README lists what is left out). Answered with `Content-Disposition: attachment`; recorded in the audit log as `shop.export`.",
    security: bearer,
    request: { params: ShopIdParam },
    responses: {
      200: {
        description: "The whole shop",
        content: { "application/zip": { schema: z.string().openapi({ format: "binary" }) } },
      },
      ...shopErrors,
      403: errorResponse("Only the owner"),
    },
  }),
  auditLog: createRoute({
    operationId: "getAuditLog",
    method: "get",
    path: "/v1/shops/{shopId}/audit-log",
    tags: ["Members"],
    summary: "Everything members changed, newest first",
    security: bearer,
    request: { params: ShopIdParam, query: ListQuery },
    responses: { 200: jsonResponse(Page(AuditEntry, "AuditPage"), "Entries"), ...shopErrors },
  }),
};

export function shopRoutes(deps: Deps) {
  const app = new OpenAPIHono<AppEnv>();
  const show = (shop: Parameters<typeof toShopResponse>[0]) =>
    toShopResponse(shop, deps.config.rootDomain, deps.config.storefrontPort, {
      appealEmail: deps.config.operatorContactEmail,
      now: deps.clock.now(),
    });
  app.on(["PATCH"], "/v1/shops/:shopId", permit("settings"));
  for (const path of ["/v1/shops/:shopId/publish", "/v1/shops/:shopId/unpublish", "/v1/shops/:shopId/tax"]) {
    app.use(path, permit("settings"));
  }
  for (const path of [
    "/v1/shops/:shopId/domains/*",
    "/v1/shops/:shopId/members/*",
    "/v1/shops/:shopId/invites/*",
    "/v1/shops/:shopId/audit-log",
    "/v1/shops/:shopId/export",
    "/v1/shops/:shopId/support-access",
  ]) {
    app.use(path, permit("manage"));
  }

  return app
    .openapi(routes.create, async (c) => {
      const shop = await createShop(deps, {
        userId: c.get("user").id,
        input: c.req.valid("json"),
        actor: auditActor(deps, c, "owner"),
      });
      return c.json(show(shop), 201);
    })
    .openapi(routes.get, (c) => c.json(show(c.get("access").shop), 200))
    .openapi(routes.update, async (c) =>
      c.json(show(await updateShop(deps, { access: c.get("access"), input: c.req.valid("json") })), 200),
    )
    .openapi(routes.supportAccess, async (c) =>
      c.json(await setSupportAccess(deps, { access: c.get("access"), input: c.req.valid("json") }), 200),
    )
    .openapi(routes.publish, async (c) =>
      c.json(show(await setShopPublished(deps, { access: c.get("access"), isPublished: true })), 200),
    )
    .openapi(routes.unpublish, async (c) =>
      c.json(show(await setShopPublished(deps, { access: c.get("access"), isPublished: false })), 200),
    )
    .openapi(routes.previewLink, (c) => c.json(createPreviewLink(deps, { access: c.get("access") }), 201))
    .openapi(routes.getTax, async (c) => c.json(await getTaxSettings(deps, { access: c.get("access") }), 200))
    .openapi(routes.setTax, async (c) =>
      c.json(await setTaxSettings(deps, { access: c.get("access"), input: c.req.valid("json") }), 200),
    )
    .openapi(routes.listDomains, async (c) =>
      c.json({ items: await listDomains(deps, { access: c.get("access") }) }, 200),
    )
    .openapi(routes.addDomain, async (c) =>
      c.json(await addDomain(deps, { access: c.get("access"), input: c.req.valid("json") }), 201),
    )
    .openapi(routes.verifyDomain, async (c) =>
      c.json(
        await verifyDomain(deps, { access: c.get("access"), domainId: c.req.valid("param").domainId as string }),
        200,
      ),
    )
    .openapi(routes.removeDomain, async (c) => {
      await removeDomain(deps, { access: c.get("access"), domainId: c.req.valid("param").domainId as string });
      return c.body(null, 204);
    })
    .openapi(routes.listMembers, async (c) => c.json(await listMembers(deps, { access: c.get("access") }), 200))
    .openapi(routes.createInvite, async (c) =>
      c.json(
        await createInvite(deps, { access: c.get("access"), user: c.get("user"), input: c.req.valid("json") }),
        201,
      ),
    )
    .openapi(routes.revokeInvite, async (c) => {
      await revokeInvite(deps, { access: c.get("access"), inviteId: c.req.valid("param").inviteId as string });
      return c.body(null, 204);
    })
    .openapi(routes.changeMember, async (c) => {
      const changed = await changeMemberRights(deps, {
        access: c.get("access"),
        membershipId: c.req.valid("param").membershipId as string,
        input: c.req.valid("json"),
      });
      noteAudit(c, {
        action: "member.rights_changed" satisfies AuditEvent,
        targetType: "member",
        targetId: changed.id,
        data: { role: changed.role, permissions: changed.permissions },
      });
      return c.json(changed, 200);
    })
    .openapi(routes.revokeMember, async (c) => {
      await revokeMember(deps, { access: c.get("access"), membershipId: c.req.valid("param").membershipId as string });
      return c.body(null, 204);
    })
    .openapi(routes.acceptInvite, async (c) =>
      c.json(await acceptInvite(deps, { user: c.get("user"), token: c.req.valid("json").token }), 200),
    )
    .openapi(routes.exportShop, async (c) => {
      const access = c.get("access");
      const archive = await exportShopArchive(deps, { access });
      noteAudit(c, { action: "shop.exported" satisfies AuditEvent, targetType: "shop", targetId: access.shop.id });
      return c.body(archive.body, 200, {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${archive.filename}"`,
        "Cache-Control": "no-store",
      });
    })
    .openapi(routes.auditLog, async (c) => {
      const query = c.req.valid("query");
      const page = await platform(deps.database.db).audit.listForShop(c.get("access").shop.id, query);
      return c.json(
        {
          items: page.items.map(({ shopId: _shop, ip: _ip, ...entry }) => entry),
          nextCursor: page.nextCursor,
        },
        200,
      );
    });
}
