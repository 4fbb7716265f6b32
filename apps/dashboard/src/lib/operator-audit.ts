// The operator audit page's filters: read from the page's query string, checked, and turned into the
// API's query (days in UTC become epoch-ms bounds, the last day included).
const DAY_MS = 24 * 60 * 60 * 1000;
const FIELDS = ["shop", "actor", "action", "from", "to"] as const;

export type AuditFilterForm = Record<(typeof FIELDS)[number], string>;
export type AuditApiQuery = { shop?: string; actor?: string; action?: string; from?: number; to?: number };

function dayStart(value: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  return Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value ? undefined : ms;
}

/** The form as typed, the API query it means, and which fields are wrong ("from", "to"). */
export function readAuditFilter(params: URLSearchParams) {
  const form = Object.fromEntries(
    FIELDS.map((field) => [field, (params.get(field) ?? "").trim().slice(0, 320)]),
  ) as AuditFilterForm;
  const query: AuditApiQuery = {};
  const problems: { field: "from" | "to"; kind: "bad_date" | "to_before_from" }[] = [];
  if (form.shop) query.shop = form.shop;
  if (form.actor) query.actor = form.actor;
  if (form.action) query.action = form.action;
  const from = form.from ? dayStart(form.from) : undefined;
  const to = form.to ? dayStart(form.to) : undefined;
  if (form.from && from === undefined) problems.push({ field: "from", kind: "bad_date" });
  if (form.to && to === undefined) problems.push({ field: "to", kind: "bad_date" });
  if (from !== undefined && to !== undefined && to < from) problems.push({ field: "to", kind: "to_before_from" });
  if (problems.length === 0) {
    if (from !== undefined) query.from = from;
    if (to !== undefined) query.to = to + DAY_MS;
  }
  return { form, query, problems };
}

/** The page's own query string for these filters (and a cursor), for links that keep them. */
export function auditHref(base: string, form: AuditFilterForm, after?: string): string {
  const query = new URLSearchParams();
  for (const field of FIELDS) if (form[field]) query.set(field, form[field]);
  if (after) query.set("after", after);
  const text = query.toString();
  return `${base}${text ? `?${text}` : ""}`;
}
