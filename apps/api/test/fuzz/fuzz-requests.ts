// Requests for every operation of the OpenAPI document, as fast-check arbitraries: path parameters
// (ids the API handed out, other tenants' ids, garbage), query strings from the declared parameters
// (mutated: wrong types, huge, unicode, broken escapes, repeated keys), headers (content types,
// Idempotency-Key, Accept-Language, tokens of the wrong kind) and bodies from the request schema
// (valid, then mutated; invalid JSON; multipart where declared, CSV for the import, signed Stripe events).
// A request is plain data: ids are `Known` placeholders until the runner sends it (fuzz-world.ts).
import fc from "fast-check";
import {
  applyMutation,
  type JsonSchema,
  Known,
  known,
  type Mutation,
  mutation,
  namesKnownThing,
  oddValue,
  poolFor,
  validValue,
} from "./schema-values.ts";

type Parameter = { name: string; in: "path" | "query" | "header" | "cookie"; schema?: JsonSchema; required?: boolean };
type DocumentOperation = {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, string[]>[];
};

/** One operation of the document, as the fuzzer needs it. */
export type Operation = {
  /** `POST /v1/shops/{shopId}/products`: how reports name it. */
  label: string;
  method: string;
  template: string;
  parameters: Parameter[];
  bodyTypes: Record<string, JsonSchema>;
  /** Who normally calls it: an owner's token, an operator's, or nobody's. */
  caller: "owner" | "operator" | "public";
};

/** The document's operations, in the document's order. */
export function operationsOf(document: JsonSchema): Operation[] {
  const paths = document.paths as Record<string, Record<string, DocumentOperation>>;
  return Object.entries(paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, operation]) => {
      const isBearer = (operation.security ?? []).some((requirement) => "bearer" in requirement);
      return {
        label: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        parameters: operation.parameters ?? [],
        bodyTypes: Object.fromEntries(
          Object.entries(operation.requestBody?.content ?? {}).map(([type, media]) => [type, media.schema ?? {}]),
        ),
        caller: template.startsWith("/v1/operator/") ? "operator" : isBearer ? "owner" : "public",
      } satisfies Operation;
    }),
  );
}

/** Whose token a request carries: its route's usual caller's (`usual`), none, or the wrong one. */
export type Auth = "usual" | "none" | "garbage" | "malformed" | "other-owner" | "operator" | "owner";

/** A file in a multipart body: bytes the world has ready (a real photo, a lying PNG…) or random ones. */
export type FilePart = {
  content: "png" | "jpeg" | "claims-huge" | "truncated" | "svg" | "csv" | "empty" | "random";
  random?: Uint8Array;
  filename: string;
  type: string;
};
export type Part = { name: string; file?: FilePart; text?: string };

export type Body =
  | { kind: "none" }
  | { kind: "json"; value: unknown; mutation: Mutation; contentType: string | null }
  | { kind: "text"; text: string; contentType: string | null }
  | { kind: "multipart"; parts: Part[] }
  | { kind: "stripe-event"; event: unknown; isSigned: boolean };

/** A path parameter: a known thing (picked at send time) or raw text put into the path as it is. */
export type PathValue = Known | { raw: string };
export type QueryValue = Known | { text: string; isRaw: boolean };

export type FuzzRequest = {
  operation: number;
  path: Record<string, PathValue>;
  query: [string, QueryValue][];
  headers: [string, string][];
  auth: Auth;
  body: Body;
};

/** The last literal segment before `{name}`, or the path's last literal segment. */
export function collectionOf(template: string, name?: string): string {
  const segments = template.split("/");
  const at = name ? segments.indexOf(`{${name}}`) : segments.length;
  for (let index = at - 1; index >= 0; index--) {
    const segment = segments[index] ?? "";
    if (segment && !segment.startsWith("{")) return segment;
  }
  return "";
}

/** Text for a path segment that is wrong in some way; some deliberately unescaped. */
const oddSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "-1", "null", "undefined", "..", ".", "%", "%00", "%2F", "%2e%2e", "%E0%A4%A", "%ZZ"),
  fc.constantFrom("a%20b", "%C3%BC", "x".repeat(65), "x".repeat(3_000), "shop_01jfake", "prd_", "'", "%22", "%3C"),
  fc.constantFrom("shop_01j00000000000000000000000", "ord_zzzzzzzzzzzzzzzzzzzzzzzzzz", "NaN", "1e999", "%F0%9F%98%80"),
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
);

const oddHost: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("localhost", "nope.localhost", "a.b.localhost", ".localhost", "localhost.", "x.localhost:99999"),
  fc.constantFrom("example.com", "%5B%3A%3A1%5D", "xn--nxasmq6b.localhost", "A.LOCALHOST", "..", "%"),
  oddSegment,
);

function pathValue(parameter: Parameter, template: string, isClean: boolean): fc.Arbitrary<PathValue> {
  const collection = collectionOf(template, parameter.name);
  const schema = parameter.schema ?? {};
  const isMediaFile = ["a", "b", "file"].includes(parameter.name) && template.startsWith("/media/");
  const isKnown = isMediaFile || namesKnownThing(parameter.name) || parameter.name.endsWith("Id");
  const raw = (text: fc.Arbitrary<string>) => text.map((value): PathValue => ({ raw: value }));
  const usual: fc.Arbitrary<PathValue> = Array.isArray(schema.enum)
    ? raw(fc.constantFrom(...(schema.enum as string[])))
    : isKnown
      ? known(isMediaFile ? `media-file:${parameter.name}` : poolFor(parameter.name, collection), isClean)
      : raw(validValue(schema, {}, collection).map((value) => encodeURIComponent(String(value))));
  if (isClean) return usual;
  return fc.oneof(
    { weight: 6, arbitrary: usual },
    { weight: 3, arbitrary: raw(parameter.name === "host" ? oddHost : oddSegment) },
  );
}

const oddQueryText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "-1", "0", "1e999", "NaN", "9".repeat(400), "true", "null", "[]", "{}", "2026-13-45"),
  fc.constantFrom("a&b=c", "\u0000", "\u202e", "x".repeat(5_000), "1.5", "0x10", " 1", "+1"),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

function queryPairs(operation: Operation, root: JsonSchema, isClean: boolean): fc.Arbitrary<[string, QueryValue][]> {
  const declared = operation.parameters.filter((parameter) => parameter.in === "query");
  const none = fc.constant([] as [string, QueryValue][]);
  const perParameter = declared.map((parameter) => {
    const collection = collectionOf(operation.template);
    const valid = validValue(parameter.schema ?? {}, root, collection, isClean).map(
      (value): QueryValue => (value instanceof Known ? value : { text: String(value), isRaw: false }),
    );
    const validPair = valid.map((value): [string, QueryValue][] => [[parameter.name, value]]);
    if (isClean) return fc.oneof(none, validPair);
    const odd = oddQueryText.map((text): QueryValue => ({ text, isRaw: false }));
    const broken = fc
      .constantFrom("%", "%E0%A4%A", "%ZZ", "a+b", "%2", "&&", "=")
      .map((text): QueryValue => ({ text, isRaw: true }));
    return fc.oneof(
      { weight: 3, arbitrary: none },
      { weight: 4, arbitrary: validPair },
      { weight: 2, arbitrary: odd.map((value): [string, QueryValue][] => [[parameter.name, value]]) },
      { weight: 1, arbitrary: broken.map((value): [string, QueryValue][] => [[parameter.name, value]]) },
      // The same key twice.
      {
        weight: 1,
        arbitrary: fc.tuple(valid, odd).map(([first, second]): [string, QueryValue][] => [
          [parameter.name, first],
          [parameter.name, second],
        ]),
      },
    );
  });
  const unknown = isClean
    ? none
    : fc.oneof(
        { weight: 5, arbitrary: none },
        {
          weight: 1,
          arbitrary: fc
            .tuple(fc.constantFrom("x", "shopId", "__proto__", "limit[]", "token"), oddQueryText)
            .map(([key, text]): [string, QueryValue][] => [[key, { text, isRaw: false }]]),
        },
      );
  return fc.tuple(...perParameter, unknown).map((groups) => groups.flat());
}

/** Header text: printable Latin-1 only, as HTTP allows (a fetch Headers object refuses anything else). */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
      { weight: 1, arbitrary: fc.integer({ min: 0xa0, max: 0xff }).map((code) => String.fromCharCode(code)) },
    ),
    maxLength,
  });

function headersFor(operation: Operation, isClean: boolean): fc.Arbitrary<[string, string][]> {
  const declaresKey = operation.parameters.some((parameter) => parameter.name.toLowerCase() === "idempotency-key");
  if (isClean) {
    return declaresKey
      ? fc.stringMatching(/^[A-Za-z0-9-]{8,40}$/).map((key): [string, string][] => [["idempotency-key", key]])
      : fc.constant([]);
  }
  const idempotencyKey = fc.oneof(
    { weight: declaresKey ? 1 : 8, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: declaresKey ? 6 : 1,
      arbitrary: fc.stringMatching(/^[A-Za-z0-9-]{8,40}$/).map((key): [string, string][] => [["idempotency-key", key]]),
    },
    {
      weight: declaresKey ? 2 : 1,
      arbitrary: fc
        .constantFrom("fuzz-key-1", "fuzz-key-2")
        .map((key): [string, string][] => [["idempotency-key", key]]),
    },
    {
      weight: declaresKey ? 2 : 1,
      arbitrary: fc
        .oneof(fc.constantFrom("", " ", "x".repeat(300), "ÿþ"), headerText(40))
        .map((key): [string, string][] => [["idempotency-key", key]]),
    },
  );
  const acceptLanguage = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.constantFrom("fr", "de-CH, de;q=0.9, en;q=0.5", "*", "zh-Hant-TW", "pt-BR", "ar"),
          fc.constantFrom(";;q=x", "en;q=2", "q=0.5", ",,,", "x".repeat(600), "en-US;q=0.9;q=0.1"),
          headerText(30),
        )
        .map((value): [string, string][] => [["accept-language", value]]),
    },
  );
  const others = fc.oneof(
    { weight: 6, arbitrary: fc.constant([] as [string, string][]) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom("if-none-match", "x-forwarded-for", "x-forwarded-proto", "x-request-id", "cookie", "origin"),
          fc.oneof(fc.constantFrom('"abc"', 'W/"1"', "*", "1.2.3.4, ::1", "https", ""), headerText(60)),
        )
        .map((pair): [string, string][] => [pair]),
    },
  );
  return fc.tuple(idempotencyKey, acceptLanguage, others).map((groups) => groups.flat());
}

const jsonContentType = fc.oneof(
  { weight: 12, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "application/json; charset=utf-8",
      "APPLICATION/JSON",
      "application/merge-patch+json",
      "application/json; charset=latin1",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<string | null>(
      null,
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=zz",
      "text/csv",
      "application/xml",
    ),
  },
);

const brokenJson = fc.oneof(
  fc.constantFrom("{", "[", '{"a":', "nul", "{'a':1}", '{"a":1,}', "\ufeff{}", "", "   ", '"just a string"'),
  fc.constantFrom('{"__proto__":{"isAdmin":true}}', '{"a":1,"a":2}', "[".repeat(100_000), "1".repeat(5_000), "NaN"),
  fc.constantFrom('{"constructor":{"prototype":{"polluted":1}}}', "\u0000", '{"name":"\\ud800"}', "[]", "null", "0"),
  // Over the 1 MB body limit.
  fc.constant(`[${"1,".repeat(600_000)}1]`),
  fc.string({ unit: "grapheme", maxLength: 40 }),
);

const filePart: fc.Arbitrary<FilePart> = fc.record({
  content: fc.constantFrom("png", "png", "jpeg", "claims-huge", "truncated", "svg", "csv", "empty", "random"),
  random: fc.uint8Array({ maxLength: 2_000 }),
  filename: fc.constantFrom("photo.png", "photo.jpg", "", "../../x.png", "a".repeat(300), "имя.webp", "x.svg"),
  type: fc.constantFrom("image/png", "image/jpeg", "image/svg+xml", "application/octet-stream", "text/csv", ""),
});

const goodFile: fc.Arbitrary<FilePart> = fc.record({
  content: fc.constantFrom("png" as const, "jpeg" as const),
  filename: fc.constantFrom("photo.png", "photo.jpg"),
  type: fc.constantFrom("image/png", "image/jpeg"),
});

function multipartBody(schema: JsonSchema, isClean: boolean): fc.Arbitrary<Body> {
  const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>);
  const parts = properties.map(([name, property]) => {
    const isFile = property.format === "binary";
    if (isClean) {
      return isFile
        ? goodFile.map((file): Part[] => [{ name, file }])
        : fc.string({ maxLength: 40 }).map((text): Part[] => [{ name, text }]);
    }
    const declared = isFile
      ? filePart.map((file): Part => ({ name, file }))
      : fc.oneof(fc.string({ maxLength: 40 }), fc.constant("x".repeat(400))).map((text): Part => ({ name, text }));
    return fc.oneof(
      { weight: 6, arbitrary: declared.map((part) => [part]) },
      { weight: 1, arbitrary: fc.constant([] as Part[]) },
      // The field twice, or a text where a file belongs.
      { weight: 1, arbitrary: fc.tuple(declared, declared).map(([first, second]) => [first, second]) },
      { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((text) => [{ name, text }]) },
    );
  });
  const stray = fc.oneof(
    { weight: 4, arbitrary: fc.constant([] as Part[]) },
    { weight: 1, arbitrary: filePart.map((file) => [{ name: "other", file }]) },
  );
  if (isClean) return fc.tuple(...parts).map((groups): Body => ({ kind: "multipart", parts: groups.flat() }));
  return fc.tuple(...parts, stray).map((groups): Body => ({ kind: "multipart", parts: groups.flat() }));
}

const CSV_COLUMNS = [
  "Handle",
  "Title",
  "Body (HTML)",
  "Vendor",
  "Status",
  "Option1 Name",
  "Option1 Value",
  "Variant SKU",
  "Variant Price",
  "Variant Inventory Qty",
  "Variant Compare At Price",
];

const csvCell = fc.oneof(
  { weight: 4, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/) },
  { weight: 2, arbitrary: fc.constantFrom("1.50", "0", "-3", "12", "1e9", "abc", "", "active", "draft", "Size") },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('"', '""', "a,b", "line\nbreak", "=cmd|' /C calc'!A0", "x".repeat(2_000)) },
);

/** A products CSV: Shopify's columns (some dropped or unknown) and rows of mostly plausible cells. */
const csvText: fc.Arbitrary<string> = fc
  .tuple(
    fc.subarray(CSV_COLUMNS, { minLength: 1 }),
    fc.constantFrom([] as string[], ["Mystery"]),
    fc.array(fc.array(csvCell, { minLength: 1, maxLength: 12 }), { maxLength: 6 }),
  )
  .map(([columns, extra, rows]) => {
    const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    const header = [...columns, ...extra];
    return [header.join(","), ...rows.map((row) => row.map(quote).join(","))].join("\n");
  });

const stripeEventTypes = fc.constantFrom(
  "account.updated",
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
  "payment_intent.succeeded",
  "customer.created",
);

/** Stripe events about things the world knows (its account, its orders), with odd fields mixed in. */
const stripeEvent: fc.Arbitrary<unknown> = fc
  .tuple(
    fc.record({
      type: stripeEventTypes,
      account: fc.oneof({ weight: 4, arbitrary: known("stripe-account", true) }, fc.constant("acct_unknown"), oddValue),
      livemode: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      data: fc.record({
        object: fc.record(
          {
            id: fc.oneof(fc.constantFrom("cs_test_1", "ch_1", "acct_1"), fc.string({ maxLength: 10 })),
            object: fc.constantFrom("checkout.session", "charge", "account"),
            client_reference_id: known("ord"),
            metadata: fc.record({ order_id: known("ord"), shop_id: known("shop") }, { requiredKeys: [] }),
            payment_status: fc.constantFrom("paid", "unpaid", "no_payment_required"),
            amount_total: fc.oneof(fc.integer({ min: 0, max: 100_000 }), oddValue),
            amount_refunded: fc.oneof(fc.integer({ min: 0, max: 100_000 }), oddValue),
            currency: fc.constantFrom("usd", "eur", "xxx"),
            charges_enabled: fc.boolean(),
            payment_intent: fc.constantFrom("pi_1", null),
            refunds: fc.constantFrom({ object: "list", data: [] }, null, { data: [{ id: "re_1", amount: 5 }] }),
          },
          { requiredKeys: ["id", "object"] },
        ),
      }),
    }),
    mutation,
  )
  .map(([event, change]) => applyMutation(event, change));

function bodyFor(operation: Operation, root: JsonSchema, isClean: boolean): fc.Arbitrary<Body> {
  const none = fc.constant<Body>({ kind: "none" });
  if (operation.method === "GET" || operation.method === "HEAD") return none;
  const text = (texts: fc.Arbitrary<string>, types: fc.Arbitrary<string | null>) =>
    fc.record({ kind: fc.constant("text" as const), text: texts, contentType: types });
  const stray = text(brokenJson, jsonContentType);
  const pick = (clean: fc.Arbitrary<Body>, ...wild: fc.WeightedArbitrary<Body>[]) =>
    isClean ? clean : fc.oneof({ weight: 5, arbitrary: clean }, ...wild);
  if (operation.template === "/v1/webhooks/stripe") {
    const event = (isSigned: boolean) =>
      fc.record({ kind: fc.constant("stripe-event" as const), event: stripeEvent, isSigned: fc.constant(isSigned) });
    return pick(event(true), { weight: 1, arbitrary: event(false) }, { weight: 1, arbitrary: stray });
  }
  if (operation.template.endsWith("/products/import")) {
    return pick(
      text(csvText, fc.constantFrom("text/csv", "text/csv; charset=utf-8")),
      { weight: 2, arbitrary: multipartBody({ properties: { file: { type: "string", format: "binary" } } }, false) },
      { weight: 1, arbitrary: text(csvText, fc.constantFrom(null, "application/json", "image/png", "text/plain")) },
      { weight: 1, arbitrary: stray },
    );
  }
  const jsonSchema = operation.bodyTypes["application/json"];
  const formSchema = operation.bodyTypes["multipart/form-data"];
  if (formSchema) {
    return pick(
      multipartBody(formSchema, true),
      { weight: 3, arbitrary: multipartBody(formSchema, false) },
      { weight: 1, arbitrary: stray },
      { weight: 1, arbitrary: none },
    );
  }
  if (jsonSchema) {
    const json = (isValid: boolean) =>
      fc.record({
        kind: fc.constant("json" as const),
        value: validValue(jsonSchema, root, collectionOf(operation.template), isValid),
        mutation: isValid ? fc.constant<Mutation>({ kind: "none" }) : mutation,
        contentType: isValid ? fc.constant("application/json") : jsonContentType,
      });
    return pick(
      json(true),
      { weight: 7, arbitrary: json(false) },
      { weight: 2, arbitrary: stray },
      { weight: 1, arbitrary: none },
    );
  }
  // No body declared: mostly none, sometimes one anyway.
  return pick(
    none,
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant("json" as const),
        value: oddValue,
        mutation: fc.constant<Mutation>({ kind: "none" }),
        contentType: jsonContentType,
      }),
    },
    { weight: 1, arbitrary: stray },
  );
}

const auth: fc.Arbitrary<Auth> = fc.oneof(
  { weight: 17, arbitrary: fc.constant("usual" as const) },
  { weight: 3, arbitrary: fc.constantFrom<Auth>("none", "garbage", "malformed", "other-owner", "operator", "owner") },
);

/**
 * Any request to operation `index`. A clean request (its caller's token, the fuzz owner's ids, a body
 * the schema allows) gets past validation into the use-cases; a wild one is broken in any way above.
 */
export function requestFor(
  operations: Operation[],
  index: number,
  root: JsonSchema,
  isClean: boolean,
): fc.Arbitrary<FuzzRequest> {
  const operation = operations[index] as Operation;
  const pathParameters = operation.parameters.filter((parameter) => parameter.in === "path");
  const path = fc
    .tuple(
      fc.boolean(),
      fc.nat(),
      ...pathParameters.map((parameter) => pathValue(parameter, operation.template, isClean)),
    )
    .map(([isSharedPick, shared, ...values]) =>
      Object.fromEntries(
        pathParameters.map((parameter, position) => {
          const value = values[position] as PathValue;
          // One pick for every known parameter keeps things that belong together together (a photo file's
          // three segments); otherwise each is picked on its own (a product of one shop in another's path).
          const isShared = isSharedPick || (value instanceof Known && value.pool.startsWith("media-file:"));
          return [
            parameter.name,
            isShared && value instanceof Known ? new Known(value.pool, shared, value.isOwn) : value,
          ];
        }),
      ),
    );
  return fc.record({
    operation: fc.constant(index),
    path,
    query: queryPairs(operation, root, isClean),
    headers: headersFor(operation, isClean),
    auth: isClean ? fc.constant<Auth>("usual") : auth,
    body: bodyFor(operation, root, isClean),
  });
}

/** A request to any operation, each operation as likely as the next; two in five clean. */
export function anyRequest(operations: Operation[], root: JsonSchema): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    ...operations.map((_, index) =>
      fc.oneof(
        { weight: 2, arbitrary: requestFor(operations, index, root, true) },
        { weight: 3, arbitrary: requestFor(operations, index, root, false) },
      ),
    ),
  );
}
