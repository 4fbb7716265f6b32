// Programmes (cohorts) for operators: create, list, change, archive, and their figures (JSON and CSV);
// plus the one public read the invitation page needs. Thin: each handler calls one use-case.
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { AGE_BANDS, CreateCohortInput, UpdateCohortInput } from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { requestIp } from "../http/client-ip.ts";
import { archiveCohort } from "../use-cases/operator/archive-cohort.ts";
import type { OperatorActor } from "../use-cases/operator/cohort-views.ts";
import { createCohort } from "../use-cases/operator/create-cohort.ts";
import { exportCohortFigures } from "../use-cases/operator/export-cohort-figures.ts";
import { getCohort } from "../use-cases/operator/get-cohort.ts";
import { getCohortFigures } from "../use-cases/operator/get-cohort-figures.ts";
import { getCohortInvitation } from "../use-cases/operator/get-cohort-invitation.ts";
import { listCohorts } from "../use-cases/operator/list-cohorts.ts";
import { updateCohort } from "../use-cases/operator/update-cohort.ts";
import { authErrors, bearer, errorResponse, jsonBody, jsonResponse, noAuth } from "./common.ts";

const tags = ["Operators"];

const Cohort = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    inviteCode: z.string(),
    joinUrl: z.string().openapi({ description: "The invitation link: a shop opened through it joins the programme" }),
    shopCount: z.number().int(),
    createdAt: z.number().int(),
    archivedAt: z.number().int().nullable(),
  })
  .openapi("Cohort");

const CurrencyFigure = z
  .object({ currency: z.string(), orders: z.number().int(), salesAmount: z.number().int() })
  .openapi("CohortCurrencyFigure");

const CohortFigures = z
  .object({
    cohort: Cohort,
    computedAt: z.number().int().openapi({ description: "When these were added up (kept for up to a minute)" }),
    figures: z.object({
      shops: z.number().int(),
      published: z.number().int(),
      withFirstOrder: z.number().int(),
      activeLast30Days: z.number().int().openapi({ description: "Shops that took an order in the last 30 days" }),
      orders: z.number().int(),
      byCurrency: z.array(CurrencyFigure).openapi({ description: "Sales (less money back) in minor units" }),
      weeks: z.array(
        z.object({
          week: z.string().openapi({ description: "Monday the week starts on (UTC), YYYY-MM-DD" }),
          shopsCreated: z.number().int(),
          shopsPublished: z.number().int(),
          shopsWithFirstOrder: z.number().int(),
          orders: z.number().int(),
          byCurrency: z.array(CurrencyFigure),
        }),
      ),
    }),
    ageBands: z
      .object({
        shown: z.boolean(),
        minGroupSize: z.number().int(),
        owners: z.number().int().optional(),
        cells: z
          .array(z.object({ cell: z.enum([...AGE_BANDS, "not_stated"]), count: z.number().int().nullable() }))
          .optional(),
        fiftyAndOver: z.number().int().nullable().optional(),
      })
      .openapi({
        description:
          "Owners' stated age bands, only for 5 owners or more (`shown: false` otherwise). A null count is 'fewer than 5', or hidden so the total cannot give a small band away.",
      }),
    green: z
      .object({
        bytes: z.number().int().openapi({ description: "Average measured bytes per page view of the shops measured" }),
        gramsPerView: z.number(),
        webMedianBytes: z.number().int(),
        webMedianGramsPerView: z.number(),
        timesLighterThanMedian: z.number(),
        shopsMeasured: z.number().int(),
        firstMeasuredAt: z.number().int(),
        lastMeasuredAt: z.number().int(),
      })
      .nullable()
      .openapi({
        description: "Estimated CO2e per page view (Sustainable Web Design model), or null before any measurement",
      }),
    shops: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        slug: z.string(),
        createdAt: z.number().int(),
        isPublished: z.boolean(),
        firstOrderAt: z.number().int().nullable(),
        lastOrderAt: z.number().int().nullable(),
        orders: z.number().int(),
        pageWeight: z
          .object({ bytesPerView: z.number().int(), gramsPerView: z.number(), measuredAt: z.number().int() })
          .nullable(),
      }),
    ),
  })
  .openapi("CohortFigures");

const CohortIdParam = z.object({
  cohortId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "cohortId", in: "path" }, example: "coh_01jd0000000000000000000000" }),
});
const CodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "code", in: "path" } }),
});

const notFound = errorResponse("No such programme");

const routes = {
  list: createRoute({
    operationId: "listCohorts",
    method: "get",
    path: "/v1/operator/cohorts",
    tags,
    summary: "Programmes",
    description: "Every programme, newest first, with its invitation link and how many shops joined.",
    security: bearer,
    responses: { 200: jsonResponse(z.object({ items: z.array(Cohort) }), "The programmes"), ...authErrors },
  }),
  create: createRoute({
    operationId: "createCohort",
    method: "post",
    path: "/v1/operator/cohorts",
    tags,
    summary: "Start a programme",
    description: "Makes a programme with its own invitation link. Recorded in the audit log.",
    security: bearer,
    request: jsonBody(CreateCohortInput),
    responses: { 201: jsonResponse(Cohort, "Created"), ...authErrors },
  }),
  get: createRoute({
    operationId: "getCohort",
    method: "get",
    path: "/v1/operator/cohorts/{cohortId}",
    tags,
    summary: "A programme",
    security: bearer,
    request: { params: CohortIdParam },
    responses: { 200: jsonResponse(Cohort, "The programme"), 404: notFound, ...authErrors },
  }),
  update: createRoute({
    operationId: "updateCohort",
    method: "patch",
    path: "/v1/operator/cohorts/{cohortId}",
    tags,
    summary: "Change a programme's name or description",
    security: bearer,
    request: { params: CohortIdParam, ...jsonBody(UpdateCohortInput) },
    responses: { 200: jsonResponse(Cohort, "Changed"), 404: notFound, ...authErrors },
  }),
  archive: createRoute({
    operationId: "archiveCohort",
    method: "post",
    path: "/v1/operator/cohorts/{cohortId}/archive",
    tags,
    summary: "End a programme",
    description: "Its invitation link stops adding shops and says so; its shops and figures stay.",
    security: bearer,
    request: { params: CohortIdParam },
    responses: { 200: jsonResponse(Cohort, "Archived"), 404: notFound, ...authErrors },
  }),
  figures: createRoute({
    operationId: "getCohortFigures",
    method: "get",
    path: "/v1/operator/cohorts/{cohortId}/figures",
    tags,
    summary: "A programme's figures",
    description:
      "Shops created, published, with a first order and active in the last 30 days; orders and sales by currency, week by week; owners' age bands in groups of 5 or more only; estimated CO2 per page view beside the web's median page.",
    security: bearer,
    request: { params: CohortIdParam },
    responses: { 200: jsonResponse(CohortFigures, "The figures"), 404: notFound, ...authErrors },
  }),
  figuresCsv: createRoute({
    operationId: "exportCohortFigures",
    method: "get",
    path: "/v1/operator/cohorts/{cohortId}/figures.csv",
    tags,
    summary: "A programme's figures by week, as CSV",
    description: "One row per week; orders and sales per currency. Recorded in the audit log.",
    security: bearer,
    request: { params: CohortIdParam },
    responses: {
      200: { description: "The CSV", content: { "text/csv": { schema: z.string() } } },
      404: notFound,
      ...authErrors,
    },
  }),
  invitation: createRoute({
    operationId: "getCohortInvitation",
    method: "get",
    path: "/v1/cohort-invitations/{code}",
    tags: ["Shops"],
    summary: "What a programme's invitation link says",
    description:
      "The programme's name and description and whether it still takes shops (`isOpen`), for the invitation page before sign-up. Public: the code is the secret.",
    security: noAuth,
    request: { params: CodeParam },
    responses: {
      200: jsonResponse(
        z.object({ name: z.string(), description: z.string(), isOpen: z.boolean() }).openapi("CohortInvitation"),
        "The invitation",
      ),
      404: errorResponse("No programme has this invitation code"),
    },
  }),
};

/** The operator for a use-case that writes its own audit entry; the operator door then adds none. */
function actorOf(deps: Deps, c: Context<AppEnv>): OperatorActor {
  noteAudit(c, { isWritten: true });
  return { user: c.get("user"), ip: requestIp(deps, c) };
}

export function operatorCohortRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>()
    .openapi(routes.list, async (c) => c.json({ items: await listCohorts(deps) }, 200))
    .openapi(routes.create, async (c) =>
      c.json(await createCohort(deps, { actor: actorOf(deps, c), input: c.req.valid("json") }), 201),
    )
    .openapi(routes.get, async (c) => c.json(await getCohort(deps, { cohortId: c.req.valid("param").cohortId }), 200))
    .openapi(routes.update, async (c) =>
      c.json(
        await updateCohort(deps, {
          actor: actorOf(deps, c),
          cohortId: c.req.valid("param").cohortId,
          input: c.req.valid("json"),
        }),
        200,
      ),
    )
    .openapi(routes.archive, async (c) =>
      c.json(await archiveCohort(deps, { actor: actorOf(deps, c), cohortId: c.req.valid("param").cohortId }), 200),
    )
    .openapi(routes.figures, async (c) =>
      c.json(await getCohortFigures(deps, { cohortId: c.req.valid("param").cohortId }), 200),
    )
    .openapi(routes.figuresCsv, async (c) => {
      const { filename, csv } = await exportCohortFigures(deps, {
        actor: actorOf(deps, c),
        cohortId: c.req.valid("param").cohortId,
      });
      return c.body(csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
      });
    })
    .openapi(routes.invitation, async (c) =>
      c.json(await getCohortInvitation(deps, { code: c.req.valid("param").code }), 200),
    );
}
