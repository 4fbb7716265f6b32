// The fuzz run, shared by the test (`fuzz.int.test.ts`, 1,000 requests, fixed seed) and the benchmark
// (`bench/fuzz.ts`, 10,000): one fast-check property over requests to every operation of the API's own
// `/openapi.json`. Each request must be answered below 500 (but for the one 503 the API gives by design:
// a storefront of a shop that is closed for now), every refusal must be problem+json and fit the
// document (the harness checks each answer against it), and a refused request (4xx) must leave the
// database and the media store as they were.
import fc from "fast-check";
import { changedTables, type Fingerprint, fingerprint } from "./fingerprint.ts";
import { anyRequest, type FuzzRequest, type Operation, operationsOf } from "./fuzz-requests.ts";
import { createWorld, harvest, repairWorld, resolver, type Side, stripeSignature, type World } from "./fuzz-world.ts";
import { applyMutation, type JsonSchema, Known, resolveKnown } from "./schema-values.ts";

/** The routes that count password attempts in `login_throttles` before they know the answer. */
const PASSWORD_ROUTES = [
  "/v1/auth/signup",
  "/v1/auth/login",
  "/v1/auth/confirm",
  "/v1/auth/password-reset",
  "/v1/auth/password-reset/confirm",
  "/v1/me/password",
];

/**
 * Tables a refusal may change, each for one reason found in the code, and only for the requests named.
 * Everything else must be untouched by a 4xx.
 */
export const REFUSAL_WRITES: {
  table: string;
  when: (operation: Operation, request: FuzzRequest) => boolean;
  why: string;
}[] = [
  {
    table: "login_throttles",
    when: (operation) => PASSWORD_ROUTES.includes(operation.template),
    why:
      "the password and reset throttles count each attempt before its answer is known (security/password-throttle.ts, " +
      "log-in.ts, confirm-password.ts, request-password-reset.ts): a wrong password, a used reset link or a taken " +
      "email still counts, or guessing would be free",
  },
  {
    table: "audit_log",
    when: (operation, request) => operation.template.startsWith("/v1/shops/{shopId}") && request.auth === "operator",
    why:
      "an operator visiting a shop with support access on is audited on every request, refused ones included " +
      "(http/shop-access.ts supportVisit): the owner sees everything support looked at or tried",
  },
];

export type FuzzOptions = {
  seed: number;
  runs: number;
  /** Record failures and go on (the benchmark's survey) instead of stopping at the first and shrinking it. */
  keepGoing?: boolean;
  onProgress?: (done: number) => void;
  /** Called with each request before it is sent (to find a request that hangs). */
  trace?: (request: string) => void;
  /** Called with each answer (to see why a route refuses most requests). */
  onAnswer?: (route: string, status: number, body: string, request: string) => void;
};

export type FuzzFailure = { request: string; problem: string };

export type FuzzResult = {
  seed: number;
  runs: number;
  durationMs: number;
  /** Per operation label: how many answers of each status class (`2xx`, `4xx`, …). */
  counts: Map<string, Record<string, number>>;
  /** Per operation label: the refusals' problem codes and how often each came. */
  refusals: Map<string, Record<string, number>>;
  repairs: number;
  /** With `keepGoing`: every failure, the first of each kind (route and problem) with its request. */
  failures: FuzzFailure[];
  failure?: { message: string; counterexample: string };
};

/** A broken promise of the API, named by its kind so a survey lists each once. */
class FuzzProblem extends Error {
  readonly kind: string;
  constructor(message: string, kind: string) {
    super(message);
    this.kind = kind;
  }
}

type Sent = { description: string; response?: Response; thrown?: unknown };

function describeBody(init: RequestInit): string {
  const body = init.body;
  if (body === undefined || body === null) return "(no body)";
  if (body instanceof FormData) {
    return `multipart: ${[...body.entries()]
      .map(([name, value]) =>
        typeof value === "string"
          ? `${name}=${JSON.stringify(value.slice(0, 80))}`
          : `${name}=<file ${value.name} ${value.size} B ${value.type}>`,
      )
      .join(", ")}`;
  }
  const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : String(body);
  return text.length > 600 ? `${JSON.stringify(text.slice(0, 600))}… (${text.length} chars)` : JSON.stringify(text);
}

/** Turns the request's plan into a real request in this world, and sends it. */
async function send(
  world: World,
  operations: Operation[],
  request: FuzzRequest,
  trace?: (request: string) => void,
): Promise<Sent> {
  const operation = operations[request.operation] as Operation;
  const pick = resolver(world);
  const path = operation.template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = request.path[name];
    if (!value) return "";
    return "raw" in value ? value.raw : encodeURIComponent(pick(value));
  });
  const query = request.query
    .map(([key, value]) => {
      const text =
        "text" in value ? (value.isRaw ? value.text : encodeURIComponent(value.text)) : encodeURIComponent(pick(value));
      return `${encodeURIComponent(key)}=${text}`;
    })
    .join("&");
  const url = `http://localhost${path}${query ? `?${query}` : ""}`;
  const headers = new Headers(request.headers);
  const { accounts } = world;
  const usual = { owner: accounts.owner.token, operator: accounts.operator.token, public: undefined }[operation.caller];
  const token = {
    usual,
    none: undefined,
    garbage: "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0",
    malformed: "",
    "other-owner": accounts.otherOwner.token,
    operator: accounts.operator.token,
    owner: accounts.owner.token,
  }[request.auth];
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (request.auth === "malformed") headers.set("authorization", "Basic dXNlcjpwYXNz");

  const init: RequestInit = { method: operation.method, headers };
  const body = request.body;
  if (body.kind === "json" || body.kind === "text") {
    const text =
      body.kind === "json"
        ? (JSON.stringify(applyMutation(resolveKnown(body.value, pick), body.mutation)) ?? "")
        : body.text;
    // Bytes, not a string: a string body would get `text/plain` when the request names no type.
    init.body = new TextEncoder().encode(text);
    if (body.contentType) headers.set("content-type", body.contentType);
  } else if (body.kind === "multipart") {
    const form = new FormData();
    for (const part of body.parts) {
      if (part.file) {
        const bytes =
          part.file.content === "random" ? (part.file.random ?? new Uint8Array()) : world.files[part.file.content];
        form.append(part.name, new File([bytes], part.file.filename, { type: part.file.type }));
      } else form.append(part.name, part.text ?? "");
    }
    init.body = form;
  } else if (body.kind === "stripe-event") {
    const payload = JSON.stringify(resolveKnown(body.event, pick)) ?? "null";
    init.body = payload;
    headers.set("content-type", "application/json");
    headers.set("stripe-signature", body.isSigned ? stripeSignature(world, payload) : "t=1,v1=00");
  }
  const shownHeaders = [...headers.entries()]
    .map(([name, value]) => `${name}: ${name === "authorization" ? `${value.slice(0, 14)}…` : value.slice(0, 120)}`)
    .join("; ");
  const description = `${operation.method} ${url.slice("http://localhost".length, 600 + 16)}\n  route: ${operation.label}\n  headers: ${shownHeaders}\n  body: ${describeBody(init)}`;
  trace?.(description);
  try {
    return { description, response: await world.harness.app.request(url, init) };
  } catch (thrown) {
    return { description, thrown };
  }
}

/** Whose things a successful answer holds: the fuzz owner's when asked with their token or at their host. */
function sideOf(operation: Operation, request: FuzzRequest): Side {
  if (request.auth === "owner") return "own";
  if (request.auth !== "usual") return "other";
  if (operation.caller === "owner") return "own";
  const host = request.path.host;
  return host instanceof Known && host.isOwn ? "own" : "other";
}

/** The API's own words for a 500, from the harness's log. */
function loggedErrors(world: World, from: number): string {
  return world.harness.logs
    .slice(from)
    .filter((entry) => entry.level === "error" && entry.message !== "request")
    .map((entry) => {
      const error = entry.fields.error as { stack?: string; message?: string } | undefined;
      return `${entry.message}: ${error?.stack ?? error?.message ?? JSON.stringify(entry.fields)}`;
    })
    .join("\n");
}

/** Runs the property; resolves with the counts, and the first failure (shrunk) if there was one. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const world = await createWorld();
  try {
    const served = await world.harness.app.request("/openapi.json");
    const document = (await served.json()) as JsonSchema;
    const operations = operationsOf(document);
    const counts = new Map<string, Record<string, number>>(operations.map((operation) => [operation.label, {}]));
    const refusals = new Map<string, Record<string, number>>();
    let repairs = 0;
    let done = 0;
    let before: Fingerprint | undefined;
    const started = performance.now();
    const failures = new Map<string, FuzzFailure>();
    const check = async (request: FuzzRequest) => {
      const operation = operations[request.operation] as Operation;
      before ??= await fingerprint(world.harness.database.client, world.harness.mediaDir);
      const was = before;
      const logsFrom = world.harness.logs.length;
      const sent = await send(world, operations, request, options.trace);
      done++;
      options.onProgress?.(done);
      const fail = (problem: string): never => {
        throw new FuzzProblem(
          `${problem}\n  request: ${sent.description}`,
          `${operation.label} ${problem.split("\n")[0]?.slice(0, 90)}`,
        );
      };
      if (sent.thrown !== undefined) {
        const message = sent.thrown instanceof Error ? sent.thrown.message : String(sent.thrown);
        fail(`${message}${loggedErrors(world, logsFrom) ? `\n  logged: ${loggedErrors(world, logsFrom)}` : ""}`);
      }
      const response = sent.response as Response;
      const status = response.status;
      // Anything but a refusal may write: the next request starts from a new fingerprint.
      if (status < 400 || status >= 500) before = undefined;
      const row = counts.get(operation.label) ?? {};
      const statusClass = `${Math.floor(status / 100)}xx`;
      row[statusClass] = (row[statusClass] ?? 0) + 1;
      const text = await response.text();
      options.onAnswer?.(operation.label, status, text, sent.description);
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : undefined;
      } catch {
        json = undefined;
      }
      const code = (json as { code?: unknown } | undefined)?.code;
      if (status >= 400) {
        const seen = refusals.get(operation.label) ?? {};
        seen[String(code)] = (seen[String(code)] ?? 0) + 1;
        refusals.set(operation.label, seen);
      }
      // The one 503 by design: a storefront request to a shop that is suspended, closed or being deleted.
      const isClosedShop =
        status === 503 && code === "shop_unavailable" && operation.template.startsWith("/v1/storefront/");
      if (status >= 500 && !isClosedShop) {
        fail(`answered ${status} ${text.slice(0, 300)}\n  logged: ${loggedErrors(world, logsFrom) || "(nothing)"}`);
      }
      if (status >= 400) {
        const type = response.headers.get("content-type") ?? "";
        if (!type.startsWith("application/problem+json") || typeof code !== "string") {
          fail(`answered ${status} as ${type || "nothing"}, not problem+json: ${text.slice(0, 300)}`);
        }
      }
      if (status >= 400 && status < 500) {
        const after = await fingerprint(world.harness.database.client, world.harness.mediaDir);
        const allowed = new Set(
          REFUSAL_WRITES.filter((rule) => rule.when(operation, request)).map((rule) => rule.table),
        );
        const changed = changedTables(was, after, allowed);
        before = after;
        if (changed.length > 0) fail(`refused with ${status} ${String(code)} but wrote: ${changed.join(", ")}`);
        return;
      }
      if (status < 300 && json !== undefined) harvest(world, json, operation.template, sideOf(operation, request));
      if (status < 300 && operation.method !== "GET") repairs += await repairWorld(world);
    };
    const property = fc.asyncProperty(anyRequest(operations, document), async (request) => {
      try {
        await check(request);
      } catch (error) {
        // Whatever happened (a shrink replays requests on a changed world), the next starts afresh.
        before = undefined;
        if (!options.keepGoing || !(error instanceof FuzzProblem)) throw error;
        if (!failures.has(error.kind)) failures.set(error.kind, { request: error.message, problem: error.kind });
      }
    });
    const details = await fc.check(property, { seed: options.seed, numRuns: options.runs });
    const durationMs = performance.now() - started;
    const result: FuzzResult = {
      seed: options.seed,
      runs: done,
      durationMs,
      counts,
      refusals,
      repairs,
      failures: [...failures.values()],
    };
    if (details.failed) {
      const error =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      result.failure = {
        message: error,
        counterexample: `${fc.defaultReportMessage(details) ?? ""}`.slice(0, 4_000),
      };
    }
    return result;
  } finally {
    await world.cleanup();
  }
}
