// The operator's filtered audit log as a CSV file, passed through from the API as it comes, so the
// browser downloads it from the dashboard and never sees the API or the operator's token.
import type { APIRoute } from "astro";
import { SignInRequired, signedInApi } from "../../lib/api.ts";
import { readAuditFilter } from "../../lib/operator-audit.ts";

export const GET: APIRoute = async (context) => {
  const api = signedInApi(context);
  const { query, problems } = readAuditFilter(context.url.searchParams);
  // A bad day in the link: the page itself says what is wrong.
  if (problems.length > 0) return context.redirect(`/operator/audit${context.url.search}`, 303);
  const result = await api.GET("/v1/operator/audit.csv", { params: { query }, parseAs: "stream" });
  const { response } = result;
  if (response.status === 401) throw new SignInRequired("The API refused the session");
  // Not an operator: the same 404 as every other console page.
  if (!response.ok || !result.data) return new Response(null, { status: 404 });
  return new Response(result.data, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": response.headers.get("content-disposition") ?? 'attachment; filename="audit.csv"',
    },
  });
};
