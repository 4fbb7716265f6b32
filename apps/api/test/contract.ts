// Checks every answer the API's integration suite gets against the OpenAPI document the API serves:
// an answer whose operation and status are described must fit the described schema, and an answer with
// a status the operation does not describe is a failure. The typed client is generated from this
// document, so a wrong schema here would be a wrong type in every caller.
import { gunzipSync } from "node:zlib";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { buildOpenApiDocument } from "../src/openapi-document.ts";

type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

const DOCUMENT_ID = "https://stall.invalid/openapi.json";
const document = buildOpenApiDocument() as unknown as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat("binary", true);
ajv.addSchema({ ...document, $id: DOCUMENT_ID });

const routes = Object.entries(document.paths).map(([template, methods]) => ({
  template,
  methods,
  // `{host}` may hold dots and a port, other parameters one path segment each.
  pattern: new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "([^/]+)")}$`),
  literalChars: template.replace(/\{[^}]+\}/g, "").length,
}));

function findOperation(method: string, pathname: string) {
  // A literal segment wins over a parameter (`/products/export` before `/products/{productId}`).
  const matches = routes
    .filter((route) => route.pattern.test(pathname) && route.methods[method] !== undefined)
    .sort((a, b) => b.literalChars - a.literalChars);
  const route = matches[0];
  return route ? { template: route.template, operation: route.methods[method] as Operation } : undefined;
}

const pointer = (part: string) => part.replaceAll("~", "~0").replaceAll("/", "~1");
const validators = new Map<string, ValidateFunction>();
function validatorFor(template: string, method: string, status: string, mediaType: string): ValidateFunction {
  const ref = `${DOCUMENT_ID}#/paths/${pointer(template)}/${method}/responses/${status}/content/${pointer(mediaType)}/schema`;
  const known = validators.get(ref);
  if (known) return known;
  const validate = ajv.compile({ $ref: ref });
  validators.set(ref, validate);
  return validate;
}

/** Says what is wrong with an answer, or nothing when it fits the document. */
export async function contractViolation(request: Request, response: Response): Promise<string | undefined> {
  const method = request.method.toLowerCase();
  const { pathname } = new URL(request.url);
  const found = findOperation(method, pathname);
  // Paths the document does not describe (the docs page, a made-up path) are not part of the contract.
  if (!found) return undefined;
  const where = `${request.method} ${pathname} (${found.template}) answered ${response.status}`;
  const status = String(response.status);
  const described = found.operation.responses[status];
  if (!described) return `${where}, which the document does not list for this operation`;
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
  const media = Object.keys(described.content ?? {});
  if (media.length === 0) {
    const text = await response.clone().text();
    return text === "" ? undefined : `${where} with a body, but the document describes none`;
  }
  // A described media range (`image/*`) covers every type under it.
  const mediaType = media.find((range) =>
    range.endsWith("/*") ? contentType.startsWith(range.slice(0, -1)) : range === contentType,
  );
  if (!mediaType) return `${where} as ${contentType || "nothing"}; the document says ${media.join(" or ")}`;
  if (!contentType.endsWith("json")) return undefined;
  // app.request() has no HTTP client in between to inflate a gzipped answer (the snapshot's).
  const bytes = Buffer.from(await response.clone().arrayBuffer());
  const text = response.headers.get("content-encoding") === "gzip" ? gunzipSync(bytes) : bytes;
  const body: unknown = JSON.parse(text.toString("utf8"));
  const validate = validatorFor(found.template, method, status, mediaType);
  if (validate(body)) return undefined;
  const problems = (validate.errors ?? [])
    .slice(0, 5)
    .map((error) => `${error.instancePath || "(body)"} ${error.message}`)
    .join("; ");
  return `${where} with a body that does not fit the document: ${problems}`;
}

/** Wraps an app's `request` so every answer is checked against the document; a misfit throws. */
export function checkAgainstContract<App extends { request: (...args: never[]) => unknown }>(app: App): App {
  const original = (app.request as (...args: unknown[]) => Promise<Response>).bind(app);
  const request = async (input: Request | string | URL, init?: RequestInit, ...rest: unknown[]) => {
    const asRequest =
      input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init ?? {});
    const response = await original(input, init, ...rest);
    const violation = await contractViolation(asRequest, response);
    if (violation) throw new Error(`Contract: ${violation}`);
    return response;
  };
  Object.assign(app, { request });
  return app;
}
