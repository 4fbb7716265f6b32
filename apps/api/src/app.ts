import { OpenAPIHono } from "@hono/zod-openapi";
import { avifQueue, photoImportQueue, platform, statementCacheFigures } from "@stall/db";
import { DomainError } from "@stall/domain";
import { requestId } from "hono/request-id";
import type { Deps } from "./deps.ts";
import type { AppEnv } from "./http/app-env.ts";
import { requireUser } from "./http/auth.ts";
import { docsPagePolicy, type OpenApiDocument, renderDocsPage } from "./http/docs-page.ts";
import { storefrontFairness } from "./http/fairness.ts";
import { type ApiMetrics, type CacheWatch, createApiMetrics } from "./http/metrics.ts";
import { metricsRoute } from "./http/metrics-route.ts";
import { limitBody, requestLog, securityHeaders } from "./http/middleware.ts";
import { operatorDoor } from "./http/operator-door.ts";
import { createErrorHandler, problemResponse, validationError } from "./http/problem.ts";
import { shopDoor } from "./http/shop-access.ts";
import { authRoutes } from "./routes/auth.ts";
import { withCommonAnswers } from "./routes/common.ts";
import { healthRoutes } from "./routes/health.ts";
import { importRoutes } from "./routes/imports.ts";
import { mediaRoutes } from "./routes/media.ts";
import { mediaFileRoutes } from "./routes/media-files.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { operatorAuditRoutes } from "./routes/operator-audit.ts";
import { operatorCohortRoutes } from "./routes/operator-cohorts.ts";
import { operatorDeletionRoutes } from "./routes/operator-deletion.ts";
import { operatorOverviewRoutes } from "./routes/operator-overview.ts";
import { operatorPlanRoutes } from "./routes/operator-plans.ts";
import { operatorShopRoutes } from "./routes/operator-shops.ts";
import { orderRoutes } from "./routes/orders.ts";
import { productFileRoutes, productRoutes } from "./routes/products.ts";
import { shopAddressRoutes } from "./routes/shop-addresses.ts";
import { shopDeletionRoutes } from "./routes/shop-deletion.ts";
import { shopListRoutes } from "./routes/shop-lists.ts";
import { shopPlanRoutes } from "./routes/shop-plan.ts";
import { shopReturnRoutes } from "./routes/shop-returns.ts";
import { shopRoutes } from "./routes/shops.ts";
import { storefrontRoutes } from "./routes/storefront.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { createHostDirectory } from "./use-cases/storefront/host-directory.ts";

/** What `/openapi.json` says about the API as a whole. */
export const OPENAPI_CONFIG: Parameters<OpenAPIHono["getOpenAPI31Document"]>[0] = {
  openapi: "3.1.0",
  info: {
    title: "Stall API",
    version: "0.1.0",
    description:
      "The one writer for Stall: accounts, shops, catalogue, media, checkout, orders and payments. Shop-scoped routes answer 404 for shops you are not a member of. Every refusal is `application/problem+json`.",
  },
  // Each Stall runs its own API; the document is served by it, so its paths are relative to where it is.
  servers: [{ url: "/", description: "The API serving this document" }],
};

/** How a person would name the part of a request that was wrong. */
const PART_NAMES: Record<string, string> = {
  json: "request body",
  form: "form",
  query: "query string",
  param: "address",
  header: "request headers",
  cookie: "cookies",
};

/** Builds the API. Pure wiring: every dependency comes in, nothing is read from the environment. */
export function createApp(deps: Deps) {
  // One registry per app: tests build several apps in one process, each counting its own requests. It is
  // attached to the deps themselves (not a copy), so whoever holds them still shares one object with the app.
  // Every in-memory cache registers here as its routes are built, and /metrics reads each at a scrape.
  const caches: CacheWatch = new Map();
  deps.metrics ??= createApiMetrics({
    outbox: () => platform(deps.database.db).notifications.backlog(),
    queues: {
      photoImports: () => photoImportQueue(deps.database.db).backlog(),
      avif: () => avifQueue(deps.database.db).backlog(),
    },
    now: deps.clock.now,
    caches,
    statements: statementCacheFigures,
    ...(deps.database.streams ? { streams: deps.database.streams } : {}),
  });
  const metrics: ApiMetrics = deps.metrics;
  const app = new OpenAPIHono<AppEnv>({
    // Every validation failure anywhere becomes a 422 problem with field paths.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, PART_NAMES[result.target] ?? "request");
    },
  });

  // Storefront host -> shop in memory (decision 036), shared by the storefront routes.
  const hostDirectory = createHostDirectory(deps);
  caches.set("host_directory", hostDirectory.figures);

  app.use(requestId({ headerName: "X-Request-Id" }));
  // Anything but a read may have changed a shop: the host directory checks before it trusts itself again.
  // Buyers' requests (carts, checkouts, cancelling an order) are not an owner's edits: what they change
  // of a shop (stock, and with it the version) is numbered in the database and seen within
  // HOST_DIRECTORY_REFRESH_MS like another process's change, so a busy checkout does not read the
  // directory's count at every order (decision 048).
  app.use(async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD" && !c.req.path.startsWith("/v1/storefront/")) {
      hostDirectory.noteWrite();
    }
  });
  app.use(requestLog(deps.logger, metrics));
  app.use(securityHeaders(deps.config));
  app.use(limitBody(deps.config));
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => problemResponse(c, new DomainError("not_found", `Nothing here: ${c.req.method} ${c.req.path}`)));
  // Who may call what is decided here, once per request, before any route's handler.
  for (const path of ["/v1/auth/logout", "/v1/auth/confirm", "/v1/me/*", "/v1/shops/*", "/v1/invites/*"])
    app.use(path, requireUser(deps));
  app.use("/v1/shops/:shopId/*", shopDoor(deps));
  app.use("/v1/operator/*", operatorDoor(deps));
  // A signed-in owner may send a photo next: the photo pipeline loads now, in the background, so the first
  // photo a process takes does not wait for it (decision 059). An upload that is the owner's first request
  // starts it here too, while its body arrives. Buyers' requests never load it.
  for (const path of ["/v1/me/*", "/v1/shops/*"])
    app.use(path, async (_c, next) => {
      deps.images.prepare();
      await next();
    });
  // Buyers' traffic: per-IP and per-shop limits, and each shop's fair share of this process.
  app.use("/v1/storefront/*", storefrontFairness(deps, caches));

  const routes = app
    .route(
      "/",
      healthRoutes({
        databaseKind: deps.database.kind,
        checkDatabase: async () => {
          await deps.database.client.execute("SELECT 1");
        },
      }),
    )
    .route("/", mediaFileRoutes(deps.mediaStore))
    .route("/", authRoutes(deps))
    .route("/", shopRoutes(deps))
    .route("/", shopPlanRoutes(deps))
    .route("/", shopReturnRoutes(deps))
    .route("/", shopAddressRoutes(deps))
    .route("/", shopDeletionRoutes(deps))
    .route("/", productFileRoutes(deps))
    .route("/", importRoutes(deps))
    .route("/", productRoutes(deps))
    .route("/", mediaRoutes(deps))
    .route("/", shopListRoutes(deps))
    .route("/", storefrontRoutes(deps, { directory: hostDirectory, caches }))
    .route("/", orderRoutes(deps))
    .route("/", notificationRoutes(deps))
    .route("/", operatorOverviewRoutes(deps))
    .route("/", operatorAuditRoutes(deps))
    .route("/", operatorDeletionRoutes(deps))
    .route("/", operatorShopRoutes(deps))
    .route("/", operatorPlanRoutes(deps))
    .route("/", operatorCohortRoutes(deps))
    .route("/", webhookRoutes(deps));

  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type === "route") definition.route = withCommonAnswers(definition.route);
  }
  app.openAPIRegistry.registerComponent("securitySchemes", "bearer", {
    type: "http",
    scheme: "bearer",
    description: "The session token from sign-up or sign-in",
  });
  app.doc31("/openapi.json", OPENAPI_CONFIG);
  app.get("/docs", (c) => {
    const document = app.getOpenAPI31Document(OPENAPI_CONFIG);
    const html = renderDocsPage(document as unknown as OpenApiDocument);
    return c.html(html, 200, { "Content-Security-Policy": docsPagePolicy(html) });
  });
  app.get("/", (c) => c.redirect("/docs"));
  // Prometheus text, outside the OpenAPI document: it is for the operator's scraper, not API clients.
  app.get("/metrics", metricsRoute(deps.config.metricsToken, metrics));

  return routes;
}
