import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { AuditEvent } from "@stall/domain";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { noteAudit } from "../http/audit.ts";
import { exportAuditCsv } from "../use-cases/operator/export-audit.ts";
import { listAudit } from "../use-cases/operator/list-audit.ts";
import { authErrors, bearer, jsonResponse, Page } from "./common.ts";

const tags = ["Operators"];

const Filter = z.object({
  shop: z.string().min(1).max(64).optional().openapi({ description: "A shop's id" }),
  actor: z.string().min(1).max(320).optional().openapi({ description: "A user's id or email address" }),
  action: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .openapi({ description: "Entries whose action starts with this, e.g. `auth.` or `POST /v1/operator`" }),
  from: z.coerce.number().int().min(0).optional().openapi({ description: "From this time (epoch ms, inclusive)" }),
  to: z.coerce.number().int().min(0).optional().openapi({ description: "Until this time (epoch ms, exclusive)" }),
});

const OperatorAuditEntry = z
  .object({
    id: z.string(),
    createdAt: z.number(),
    shopId: z.string().nullable(),
    shopSlug: z.string().nullable().openapi({ description: "Null for platform entries and shops since deleted" }),
    actorUserId: z.string().nullable(),
    actorEmail: z.string().nullable(),
    actorRole: z.string(),
    action: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    ip: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
  })
  .openapi("OperatorAuditEntry");

const list = createRoute({
  operationId: "listOperatorAudit",
  method: "get",
  path: "/v1/operator/audit",
  tags,
  summary: "The audit log of every shop and the platform, newest first",
  description:
    "Every member, operator and helper action and every security event (sign-ins, sign-in locks, password changes and resets, rights changes, exports, support access), with who, which shop, when and from which address. Entries are never changed or deleted. Operators only: anyone else gets 404.",
  security: bearer,
  request: {
    query: Filter.extend({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      cursor: z.string().max(64).optional(),
    }),
  },
  responses: {
    200: jsonResponse(Page(OperatorAuditEntry, "OperatorAuditPage"), "A page of entries"),
    ...authErrors,
  },
});

const download = createRoute({
  operationId: "exportOperatorAudit",
  method: "get",
  path: "/v1/operator/audit.csv",
  tags,
  summary: "The filtered audit log as a CSV file",
  description:
    "Same filters as the list; newest first, at most 100,000 rows (then `Stall-Export-Truncated: true`: narrow the filter). The download is itself written to the audit log.",
  security: bearer,
  request: { query: Filter },
  responses: {
    200: { description: "The CSV", content: { "text/csv": { schema: z.string() } } },
    ...authErrors,
  },
});

function toFilter(query: z.infer<typeof Filter>) {
  return { shopId: query.shop, actor: query.actor, action: query.action, from: query.from, to: query.to };
}

export function operatorAuditRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>()
    .openapi(list, async (c) => {
      const query = c.req.valid("query");
      return c.json(await listAudit(deps, { filter: toFilter(query), limit: query.limit, cursor: query.cursor }), 200);
    })
    .openapi(download, async (c) => {
      const query = c.req.valid("query");
      const file = await exportAuditCsv(deps, { filter: toFilter(query) });
      noteAudit(c, {
        shopId: query.shop ?? null,
        action: "operator.audit_exported" satisfies AuditEvent,
        targetType: "audit_log",
        data: { filter: query, rows: file.rows, truncated: file.truncated },
      });
      const day = new Date(deps.clock.now()).toISOString().slice(0, 10);
      return c.body(file.csv, 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="stall-audit-${day}.csv"`,
        ...(file.truncated ? { "Stall-Export-Truncated": "true" } : {}),
      });
    });
}
