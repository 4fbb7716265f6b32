// The API's OpenAPI document, built from the route definitions without a database or any other
// dependency: the typed client (`@stall/api-client`) is generated from it, and a test compares it with
// what a running API serves.
import { createApp, OPENAPI_CONFIG } from "./app.ts";
import type { Deps } from "./deps.ts";

/** A stand-in for every dependency: building routes may read it, calling anything through it throws. */
function inert(path: string): unknown {
  const target = () => {};
  return new Proxy(target, {
    get: (_target, property) =>
      // Not a thenable, so nothing mistakes it for a promise.
      property === "then" ? undefined : inert(`${path}.${String(property)}`),
    apply: () => {
      throw new Error(`${path}() was called while building the OpenAPI document; routes must not do I/O when built`);
    },
  });
}

/** The document `/openapi.json` serves, as plain JSON. */
export function buildOpenApiDocument(): Record<string, unknown> {
  const app = createApp(inert("deps") as Deps);
  return JSON.parse(JSON.stringify(app.getOpenAPI31Document(OPENAPI_CONFIG))) as Record<string, unknown>;
}
