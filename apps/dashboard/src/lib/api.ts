// How pages reach the API: always from the server, always through the typed client, with the owner's
// token from the session cookie. Pages never see the token and the browser never talks to the API.

import { PUBLIC_API_URL, STOREFRONT_SECRET, TRUST_PROXY } from "astro:env/server";
import { type ApiClient, type ApiProblem, createApiClient } from "@stall/api-client";
import { clientAddress } from "@stall/http-edge";
import type { APIContext, AstroGlobal } from "astro";

type Context =
  | Pick<APIContext, "locals" | "clientAddress" | "request">
  | Pick<AstroGlobal, "locals" | "clientAddress" | "request">;

/**
 * Thrown when the API no longer accepts the session (expired, signed out elsewhere, password reset).
 * The middleware turns it into a redirect to sign-in that comes back to the same page afterwards.
 */
export class SignInRequired extends Error {
  override name = "SignInRequired";
}

function clientIp(context: Context): string | undefined {
  let socket: string | undefined;
  try {
    socket = context.clientAddress;
  } catch {
    socket = undefined;
  }
  // Behind a proxy you run (TRUST_PROXY), the hop it added to X-Forwarded-For.
  return clientAddress({
    trustProxy: TRUST_PROXY,
    forwardedFor: context.request.headers.get("x-forwarded-for"),
    socket,
  });
}

/**
 * A client for this request: the owner's token if there is one, and the browser's address forwarded.
 * The API throttles sign-in per address; without the address every owner would share the dashboard's.
 * It believes the address only with the shared secret beside it (the storefront does the same).
 */
export function apiFor(context: Context): ApiClient {
  const ip = clientIp(context);
  const token = context.locals.token;
  return createApiClient({
    baseUrl: PUBLIC_API_URL,
    ...(token ? { token } : {}),
    ...(ip && STOREFRONT_SECRET
      ? { headers: { "x-stall-client-ip": ip, "x-stall-storefront-secret": STOREFRONT_SECRET } }
      : {}),
  });
}

/** The API client for a page that needs a signed-in owner; sends them to sign in when there is none. */
export function signedInApi(context: Context): ApiClient {
  if (!context.locals.token) throw new SignInRequired("No session cookie");
  return apiFor(context);
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/**
 * The data of a call that must succeed for the page to make sense; a 401 means the session is gone.
 * Returns undefined for a 404 (not found, or another shop's id: the API answers both the same way).
 */
export function dataOrNotFound<T>(result: Result<T>): T | undefined {
  if (result.response.status === 401) throw new SignInRequired("The API refused the session");
  if (result.response.status === 404) return undefined;
  if (result.data === undefined)
    throw new Error(`The API answered ${result.response.status}: ${describe(result.error)}`);
  return result.data;
}

/** Like dataOrNotFound, for calls where "not found" cannot happen. */
export function dataOf<T>(result: Result<T>): T {
  const data = dataOrNotFound(result);
  if (data === undefined) throw new Error("The API answered 404");
  return data;
}

/** The problem of a refused call (4xx), after handling an expired session. */
export function problemOf(result: Result<unknown>): ApiProblem | undefined {
  if (result.response.status === 401 && !isCredentialsRefusal(result.error))
    throw new SignInRequired("Session refused");
  if (result.response.ok) return undefined;
  return (result.error ?? { status: result.response.status, code: "unknown" }) as ApiProblem;
}

function isCredentialsRefusal(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "invalid_credentials";
}

function describe(error: unknown): string {
  return typeof error === "object" && error !== null ? JSON.stringify(error) : String(error);
}

/** The field errors the API listed, by field name (the last part of each path). */
export function apiFieldErrors(problem: ApiProblem | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  const list = (problem as { errors?: { path?: string; message?: string }[] } | undefined)?.errors ?? [];
  for (const item of list) {
    const field =
      String(item.path ?? "")
        .split(".")
        .pop() ?? "";
    if (field && item.message && !errors[field]) errors[field] = item.message;
  }
  return errors;
}
