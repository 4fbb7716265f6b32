// Values for a JSON schema of the OpenAPI document, as fast-check arbitraries: first values the schema
// allows (so requests get past validation into the use-cases), then the same values mutated (wrong types,
// missing and extra fields, nulls, deep nesting, huge strings and arrays). Ids cannot be invented: a field
// that names one gets a `Known` placeholder that the runner swaps for an id the API handed out earlier.
import { ID_PREFIXES, type IdKind } from "@stall/domain";
import fc from "fast-check";

export type JsonSchema = Record<string, unknown>;

/** An id (or slug, token, code) from the fuzz world's pools, picked when the request is sent. */
export class Known {
  readonly pool: string;
  readonly pick: number;
  /** The fuzz owner's own thing (mostly), or anyone else's (another tenant's, the operator's). */
  readonly isOwn: boolean;
  constructor(pool: string, pick: number, isOwn = true) {
    this.pool = pool;
    this.pick = pick;
    this.isOwn = isOwn;
  }
  [fc.toStringMethod](): string {
    return `known(${this.isOwn ? "" : "other:"}${this.pool}#${this.pick})`;
  }
}

/** A placeholder for a thing of `pool`: the fuzz owner's own five times in six (always, when `isClean`). */
export function known(pool: string, isClean = false): fc.Arbitrary<Known> {
  const isOwn = isClean
    ? fc.constant(true)
    : fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) });
  return fc.tuple(fc.nat(), isOwn).map(([pick, own]) => new Known(pool, pick, own));
}

const normalised = (name: string) => name.toLowerCase().replace(/[^a-z]/g, "");

/** Names routes and fields use for a kind of thing, beyond the id kinds' own names. */
const ALIASES: Record<string, IdKind> = {
  member: "membership",
  line: "cartLine",
  import: "photoImport",
  discountcode: "discount",
  shopaddresse: "shop",
  operator: "user",
};

const KIND_BY_NAME = new Map<string, IdKind>([
  ...(Object.keys(ID_PREFIXES) as IdKind[]).map((kind): [string, IdKind] => [normalised(kind), kind]),
  ...Object.entries(ALIASES),
]);

/** `pickup-points`, `pickupPointId`, `pickupPoints` -> `pup`: the id prefix of that kind, or `any`. */
export function poolName(name: string): string {
  const base = normalised(name.replace(/Ids?$/, ""));
  const singular = base.endsWith("ies") ? `${base.slice(0, -3)}y` : base.replace(/s$/, "");
  const kind = KIND_BY_NAME.get(singular) ?? KIND_BY_NAME.get(base);
  return kind ? ID_PREFIXES[kind] : "any";
}

/** Whether a field or parameter of this name holds something the API made (an id, slug, token, code). */
export function namesKnownThing(name: string): boolean {
  return name === "id" || name === "ids" || /Ids?$/.test(name) || ["slug", "token", "code", "host"].includes(name);
}

/** The pool for a field named `name` in a request to a route whose last collection is `collection`. */
export function poolFor(name: string, collection: string): string {
  if (name === "id" || name === "ids") return poolName(collection);
  if (name === "slug") return `slug:${poolName(collection)}`;
  if (["token", "code", "host"].includes(name)) return name;
  return poolName(name);
}

type Context = { root: JsonSchema; collection: string; depth: number; isClean: boolean };

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === "string" && hops < 10; hops++) {
    const path = (current.$ref as string).replace(/^#\//, "").split("/");
    let target: unknown = root;
    for (const part of path) target = (target as Record<string, unknown>)?.[part.replaceAll("~1", "/")];
    current = (target ?? {}) as JsonSchema;
  }
  return current;
}

function stringFor(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = Number(schema.minLength ?? 0);
  const maxLength = Number(schema.maxLength ?? Number.POSITIVE_INFINITY);
  // Only the schema's own bounds filter (a default bound could reject every match of a pattern).
  const sized = (arbitrary: fc.Arbitrary<string>) =>
    arbitrary.filter((text) => text.length >= minLength && text.length <= maxLength);
  const date = fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true });
  switch (schema.format) {
    case "email":
      return sized(fc.emailAddress({ size: "-1" }));
    case "uri":
    case "url":
      return sized(fc.webUrl({ size: "-1" }));
    case "date-time":
      return date.map((value) => value.toISOString());
    case "date":
      return date.map((value) => value.toISOString().slice(0, 10));
  }
  if (typeof schema.pattern === "string") {
    for (const flags of ["u", ""]) {
      try {
        return sized(fc.stringMatching(new RegExp(schema.pattern, flags), { size: "-1" }));
      } catch {
        // A pattern fast-check cannot read (a lookahead): try without flags, then any text.
      }
    }
  }
  const unit = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(..."abcxyz -_.") },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  );
  return fc.string({ minLength, maxLength: Math.min(maxLength, Math.max(minLength, 40)), unit });
}

/**
 * Text for fields whose name says more than their schema (an `email` without a format): mostly what a
 * person would type there, so clean requests get past validation; the schema's own rules still apply.
 */
function byName(name: string): fc.Arbitrary<string> | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith("email")) return fc.stringMatching(/^[a-z]{1,10}(\.[a-z]{1,8})?@example\.(com|test)$/);
  if (lower === "phone") return fc.stringMatching(/^\+[1-9][0-9]{7,11}$/);
  if (lower === "locale") return fc.constantFrom("en", "fr", "de", "zh-CN", "pt-BR");
  if (lower === "currency") return fc.constantFrom("USD", "EUR", "GBP", "JPY");
  if (lower === "country") return fc.constantFrom("US", "GB", "FR", "DE", "JP");
  if (lower === "hostname" || lower === "domain") return fc.stringMatching(/^[a-z]{3,12}\.example\.(com|test)$/);
  if (lower.endsWith("password")) return fc.stringMatching(/^[a-z ]{12,30}$/);
  return undefined;
}

function numberFor(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const min =
    typeof schema.minimum === "number"
      ? schema.minimum
      : typeof schema.exclusiveMinimum === "number"
        ? schema.exclusiveMinimum + (isInteger ? 1 : Number.EPSILON)
        : -1_000_000;
  const max =
    typeof schema.maximum === "number"
      ? schema.maximum
      : typeof schema.exclusiveMaximum === "number"
        ? schema.exclusiveMaximum - (isInteger ? 1 : Number.EPSILON)
        : 1_000_000;
  const low = Math.max(min, Number.MIN_SAFE_INTEGER);
  const high = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (isInteger) return fc.integer({ min: Math.ceil(low), max: Math.floor(high) });
  return fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
}

function valueFor(schemaIn: JsonSchema, name: string, context: Context): fc.Arbitrary<unknown> {
  const schema = resolve(schemaIn, context.root);
  const deeper = { ...context, depth: context.depth + 1 };
  if (context.depth > 6) return fc.constant(null);
  if ("const" in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  for (const key of ["anyOf", "oneOf"] as const) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0)
      return fc.oneof(...options.map((option) => valueFor(option as JsonSchema, name, deeper)));
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) {
    const merged = (schema.allOf as JsonSchema[]).map((part) => resolve(part, context.root));
    const objects = merged.filter((part) => part.properties);
    if (objects.length > 1) {
      return valueFor(
        {
          type: "object",
          properties: Object.assign({}, ...objects.map((part) => part.properties)),
          required: objects.flatMap((part) => (part.required as string[] | undefined) ?? []),
        },
        name,
        deeper,
      );
    }
    return valueFor(merged[0] ?? {}, name, deeper);
  }
  if (Array.isArray(schema.type)) {
    return fc.oneof(...schema.type.map((type) => valueFor({ ...schema, type }, name, deeper)));
  }
  if (namesKnownThing(name) && (schema.type === "string" || schema.type === undefined)) {
    const id = known(poolFor(name, context.collection), context.isClean);
    return context.isClean ? id : fc.oneof({ weight: 5, arbitrary: id }, { weight: 1, arbitrary: stringFor(schema) });
  }
  const hinted = schema.type === "string" && !schema.format && !schema.pattern ? byName(name) : undefined;
  switch (schema.type) {
    case "string":
      return hinted ?? stringFor(schema);
    case "integer":
      return numberFor(schema, true);
    case "number":
      return numberFor(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = Number(schema.minItems ?? 0);
      const items = resolve((schema.items as JsonSchema) ?? {}, context.root);
      // A clean list of things holds one of each (two lines of one variant are refused as a duplicate).
      const cap = context.isClean && (items.type === "object" || items.properties) ? 1 : 4;
      const maxLength = Math.max(minLength, Math.min(Number(schema.maxItems ?? cap), cap));
      const itemName = name === "ids" ? "id" : name.endsWith("Ids") ? name.slice(0, -1) : name;
      return fc.array(valueFor((schema.items as JsonSchema) ?? {}, itemName, deeper), { minLength, maxLength });
    }
    case "object":
      return objectFor(schema, deeper);
  }
  if (schema.properties) return objectFor(schema, deeper);
  return fc.jsonValue({ maxDepth: 2 });
}

function objectFor(schema: JsonSchema, context: Context): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const names = Object.keys(properties);
  if (names.length === 0) {
    const extra = schema.additionalProperties;
    if (extra && typeof extra === "object") {
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), valueFor(extra as JsonSchema, "", context), {
        maxKeys: 3,
      });
    }
    return fc.constant({});
  }
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return fc.record(Object.fromEntries(names.map((key) => [key, valueFor(properties[key] ?? {}, key, context)])), {
    requiredKeys: names.filter((key) => required.has(key)),
  });
}

/** Values the schema allows (with `Known` placeholders for ids; with `isClean`, only the fuzz owner's). */
export function validValue(
  schema: JsonSchema,
  root: JsonSchema,
  collection: string,
  isClean = false,
): fc.Arbitrary<unknown> {
  return valueFor(schema, "", { root, collection, depth: 0, isClean });
}

/** A value of the wrong kind for almost any field. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, "", 0, -1, 1.5, true, false, [], {}, "0", "null", "true", "NaN", "-0", "1e999"),
  fc.constantFrom(2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE, "\u0000", "\u202e", "𝕊𝕥𝕒𝕝𝕝", "../../etc/passwd"),
  fc.constantFrom("<script>alert(1)</script>", "' OR 1=1 --", "%00", "\ud800", "__proto__", "constructor"),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant("x".repeat(70_000)),
  fc.constant(Array.from({ length: 5_000 }, (_, index) => index)),
);

/** How a valid value is broken. `pick` chooses the spot among the value's nodes when it is applied. */
export type Mutation =
  | { kind: "none" }
  | { kind: "replace"; pick: number; value: unknown }
  | { kind: "remove"; pick: number }
  | { kind: "extra"; pick: number; key: string; value: unknown }
  | { kind: "nest"; pick: number; depth: number }
  | { kind: "whole"; value: unknown };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), pick: fc.nat(), value: oddValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("extra" as const),
      pick: fc.nat(),
      key: fc.oneof(fc.constantFrom("__proto__", "constructor", "shopId", "id", "role"), fc.string({ maxLength: 10 })),
      value: oddValue,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("nest" as const),
      pick: fc.nat(),
      depth: fc.constantFrom(3, 50, 2_000),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("whole" as const), value: oddValue }) },
);

type Spot = { parent: Record<string, unknown> | unknown[]; key: string | number };

function spotsOf(value: unknown, spots: Spot[] = []): Spot[] {
  if (value && typeof value === "object" && !(value instanceof Known)) {
    for (const [key, child] of Object.entries(value)) {
      const parent = value as Record<string, unknown>;
      spots.push({ parent, key: Array.isArray(value) ? Number(key) : key });
      spotsOf(child, spots);
    }
  }
  return spots;
}

function nested(value: unknown, depth: number): unknown {
  let current = value;
  for (let level = 0; level < depth; level++) current = level % 2 ? [current] : { a: current };
  return current;
}

/** The value with the mutation applied (a copy; the input is left alone). */
export function applyMutation(value: unknown, change: Mutation): unknown {
  if (change.kind === "none") return value;
  if (change.kind === "whole") return change.value;
  const restored = copyOf(value);
  const spots = spotsOf(restored);
  const spot = spots[change.pick % Math.max(1, spots.length)];
  if (!spot) {
    if (change.kind === "nest") return nested(restored, change.depth);
    if (change.kind === "replace") return change.value;
    if (change.kind === "extra" && restored && typeof restored === "object")
      Object.defineProperty(restored, change.key, {
        value: change.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    return restored;
  }
  const parent = spot.parent as Record<string | number, unknown>;
  switch (change.kind) {
    case "replace":
      parent[spot.key] = change.value;
      break;
    case "remove":
      if (Array.isArray(parent)) parent.splice(Number(spot.key), 1);
      else delete parent[spot.key];
      break;
    case "extra":
      // defineProperty: a key named __proto__ must become a real key, as JSON.parse makes it.
      if (!Array.isArray(parent))
        Object.defineProperty(parent, change.key, {
          value: change.value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      break;
    case "nest":
      parent[spot.key] = nested(parent[spot.key], change.depth);
      break;
  }
  return restored;
}

/** A deep copy that keeps `Known` placeholders (and keys named __proto__) as they are. */
function copyOf(value: unknown): unknown {
  if (value instanceof Known || !value || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyOf);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    Object.defineProperty(out, key, { value: copyOf(child), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Replaces every `Known` placeholder in a value, using `pickKnown` (the fuzz world's pools). */
export function resolveKnown(value: unknown, pickKnown: (known: Known) => string): unknown {
  if (value instanceof Known) return pickKnown(value);
  if (Array.isArray(value)) return value.map((item) => resolveKnown(item, pickKnown));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: resolveKnown(child, pickKnown),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}
