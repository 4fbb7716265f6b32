// The one typed client for the Stall API. Its types are generated from the API's own route definitions
// (see scripts/generate.ts), so the storefront, the dashboard, the benchmarks and the browser tests
// cannot drift from what the API accepts and answers.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema.ts";

export type { components, operations, paths } from "./schema.ts";

/** Every refusal the API gives, as its `application/problem+json` body says it. */
export type ApiProblem = components["schemas"]["Problem"] & Record<string, unknown>;

/** The API could not be reached, timed out, or failed on its side (5xx): nothing the caller did wrong. */
export class ApiUnavailableError extends Error {
  override name = "ApiUnavailableError";
  readonly status: number | undefined;
  readonly problem: ApiProblem | undefined;
  constructor(message: string, options: { status?: number; problem?: ApiProblem; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.problem = options.problem;
  }
}

export type ApiClientOptions = {
  /** Where the API is, e.g. `http://localhost:8787`. */
  baseUrl: string;
  /** An owner's session token, sent as `Authorization: Bearer …`. */
  token?: string;
  /** Headers sent with every request (a forwarded client IP, a request id). */
  headers?: Record<string, string>;
  /** Abort a request that takes longer than this; default 10 s. */
  timeoutMs?: number;
  /** A fetch to use instead of the global one (tests pass `app.request`-backed fetches). */
  fetch?: typeof fetch;
};

/** Whether a value is a problem+json body. */
export function isApiProblem(value: unknown): value is ApiProblem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { status?: unknown }).status === "number" &&
    typeof (value as { code?: unknown }).code === "string"
  );
}

/**
 * A typed client: `client.GET("/v1/shops/{shopId}", { params: { path: { shopId } } })` answers
 * `{ data }` on success or `{ error }` with the API's problem for a 4xx. A network failure, a timeout
 * or a 5xx throws `ApiUnavailableError`, so callers only handle refusals they can explain to a person.
 */
export function createApiClient(options: ApiClientOptions) {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ""),
    headers: {
      accept: "application/json",
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    fetch: async (request: Request) => {
      try {
        return await baseFetch(new Request(request, { signal: AbortSignal.timeout(timeoutMs) }));
      } catch (error) {
        throw new ApiUnavailableError(`The API could not be reached: ${String(error)}`, { cause: error });
      }
    },
  });
  client.use(failLoudlyOnServerErrors);
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;

const failLoudlyOnServerErrors: Middleware = {
  async onResponse({ request, response }) {
    if (response.status < 500) return undefined;
    let problem: ApiProblem | undefined;
    try {
      const body: unknown = await response.clone().json();
      if (isApiProblem(body)) problem = body;
    } catch {}
    const path = new URL(request.url).pathname;
    throw new ApiUnavailableError(`The API answered ${response.status} to ${request.method} ${path}`, {
      status: response.status,
      ...(problem ? { problem } : {}),
    });
  },
};
