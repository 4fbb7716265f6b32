import { OpenAPIHono } from "@hono/zod-openapi";
import { DomainError } from "@stall/domain";
import { requestId } from "hono/request-id";
import type { Deps } from "./deps.ts";
import type { AppEnv } from "./http/app-env.ts";
import { requireUser } from "./http/auth.ts";
import { docsPagePolicy, type OpenApiDocument, renderDocsPage } from "./http/docs-page.ts";
import { storefrontFairness } from "./http/fairness.ts";
import { limitBody, requestLog, securityHeaders } from "./http/middleware.ts";
import { operatorDoor } from "./http/operator-door.ts";
import { createErrorHandler, problemResponse, validationError } from "./http/problem.ts";
import { shopDoor } from "./http/shop-access.ts";
import { authRoutes } from "./routes/auth.ts";
import { withCommonAnswers } from "./routes/common.ts";
import { healthRoutes } from "./routes/health.ts";
import { mediaRoutes } from "./routes/media.ts";
import { mediaFileRoutes } from "./routes/media-files.ts";
import { notificationRoutes } from "./routes/notifications.ts";
import { operatorCohortRoutes } from "./routes/operator-cohorts.ts";
import { operatorOverviewRoutes } from "./routes/operator-overview.ts";
import { orderRoutes } from "./routes/orders.ts";
import { productFileRoutes, productRoutes } from "./routes/products.ts";
import { shopAddressRoutes } from "./routes/shop-addresses.ts";
import { shopListRoutes } from "./routes/shop-lists.ts";
import { shopRoutes } from "./routes/shops.ts";
import { storefrontRoutes } from "./routes/storefront.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

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
  const app = new OpenAPIHono<AppEnv>({
    // Every validation failure anywhere becomes a 422 problem with field paths.
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error, PART_NAMES[result.target] ?? "request");
    },
  });

  app.use(requestId({ headerName: "X-Request-Id" }));
  app.use(requestLog(deps.logger));
  app.use(securityHeaders(deps.config));
  app.use(limitBody(deps.config));
  app.onError(createErrorHandler(deps.logger));
  app.notFound((c) => problemResponse(c, new DomainError("not_found", `Nothing here: ${c.req.method} ${c.req.path}`)));
  // Who may call what is decided here, once per request, before any route's handler.
  for (const path of ["/v1/auth/logout", "/v1/me/*", "/v1/shops/*", "/v1/invites/*"]) app.use(path, requireUser(deps));
  app.use("/v1/shops/:shopId/*", shopDoor(deps));
  app.use("/v1/operator/*", operatorDoor(deps));
  // Buyers' traffic: per-IP and per-shop limits, and each shop's fair share of this process.
  app.use("/v1/storefront/*", storefrontFairness(deps));

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
    .route("/", shopAddressRoutes(deps))
    .route("/", productFileRoutes(deps))
    .route("/", productRoutes(deps))
    .route("/", mediaRoutes(deps))
    .route("/", shopListRoutes(deps))
    .route("/", storefrontRoutes(deps))
    .route("/", orderRoutes(deps))
    .route("/", notificationRoutes(deps))
    .route("/", operatorOverviewRoutes(deps))
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

  return routes;
}
