// The operator console's door on the dashboard side: a page loads the signed-in user and shows itself
// only to operators. Everyone else gets the ordinary 404 page, as the API answers them.
import type { AstroGlobal } from "astro";
import { dataOf, signedInApi } from "./api.ts";

/** The console's sections, in the order the nav lists them. */
export const OPERATOR_SECTIONS = ["overview", "shops", "plans", "cohorts", "audit"] as const;
export type OperatorSection = (typeof OPERATOR_SECTIONS)[number];

export function operatorHref(section: OperatorSection): string {
  return section === "overview" ? "/operator" : `/operator/${section}`;
}

/** The API client and user for an operator page, or undefined when the signed-in user is not an operator. */
export async function loadOperator(Astro: AstroGlobal) {
  const api = signedInApi(Astro);
  const { user } = dataOf(await api.GET("/v1/me"));
  if (user.role !== "operator") return undefined;
  return { api, user };
}
