// A programme's figures by week as CSV, passed through from the API so the browser downloads it from the
// dashboard and never sees the API or the operator's token. Anyone but an operator gets the 404 page.
import type { APIRoute } from "astro";
import { SignInRequired, signedInApi } from "../../../../lib/api.ts";

export const GET: APIRoute = async (context) => {
  const api = signedInApi(context);
  const cohortId = context.params.cohortId ?? "";
  const result = await api.GET("/v1/operator/cohorts/{cohortId}/figures.csv", {
    params: { path: { cohortId } },
    parseAs: "stream",
  });
  const { response } = result;
  if (response.status === 401) throw new SignInRequired("The API refused the session");
  if (!response.ok || !result.data) return new Response(null, { status: 404 });
  return new Response(result.data, {
    status: 200,
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": response.headers.get("content-disposition") ?? 'attachment; filename="figures.csv"',
    },
  });
};
