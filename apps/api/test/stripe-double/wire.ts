// The wire layer of the Stripe double: Stripe-shaped errors, the form encoding Stripe's v1 API
// speaks (`line_items[0][price_data][unit_amount]=1250`), parameter readers that fail with Stripe's
// messages, codes and `param`, and the currency tables amounts are checked against.

export type Param = string | Param[] | Params;
export interface Params {
  [key: string]: Param;
}

// ---------------------------------------------------------------------------------------------
// Errors

interface ErrorBody {
  type: "invalid_request_error" | "idempotency_error" | "api_error";
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly body: ErrorBody;
  /** Stripe saves an idempotent result only once the endpoint began executing (not for bad params). */
  readonly saved: boolean;
  constructor(status: number, body: ErrorBody, saved = false) {
    super(body.message);
    this.status = status;
    this.body = body;
    this.saved = saved;
  }
}

export function invalid(message: string, param?: string, code?: string): ApiError {
  return new ApiError(400, {
    type: "invalid_request_error",
    message,
    ...(code ? { code, doc_url: `https://stripe.com/docs/error-codes/${code.replaceAll("_", "-")}` } : {}),
    ...(param ? { param } : {}),
  });
}

/** A request that passed validation but conflicts with the object's state: saved for idempotency. */
export function conflict(message: string, param?: string, code?: string): ApiError {
  const error = invalid(message, param, code);
  return new ApiError(error.status, error.body, true);
}

export function missing(kind: string, id: string, param?: string, status = 404): ApiError {
  return new ApiError(status, {
    type: "invalid_request_error",
    code: "resource_missing",
    doc_url: "https://stripe.com/docs/error-codes/resource-missing",
    message: `No such ${kind}: '${id}'`,
    ...(param ? { param } : {}),
  });
}

export function notModelled(param: string): ApiError {
  return invalid(
    `stripe-double: \`${param}\` is not modelled (extend apps/api/test/stripe-double/server.ts if checkout needs it).`,
    param,
  );
}

export function accountInvalid(id: string, key: string): ApiError {
  return new ApiError(403, {
    type: "invalid_request_error",
    code: "account_invalid",
    doc_url: "https://stripe.com/docs/error-codes/account-invalid",
    message: `The provided key '${redact(key)}' does not have access to account '${id}' (or that account does not exist). Application access may have been revoked.`,
  });
}

export function redact(key: string): string {
  const prefix = key.slice(0, key.indexOf("_", key.indexOf("_") + 1) + 1) || key.slice(0, 3);
  return `${prefix}${"*".repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

// ---------------------------------------------------------------------------------------------
// Form encoding: `a[b][0][c]=1` <-> { a: { b: [{ c: "1" }] } }

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

export function parseForm(raw: string): Params {
  const root: Params = {};
  if (raw === "") return root;
  for (const pair of raw.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? "" : pair.slice(eq + 1);
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replaceAll("+", " "));
      value = decodeURIComponent(rawValue.replaceAll("+", " "));
    } catch {
      throw invalid(`Invalid URL encoding in parameter: ${rawKey}`);
    }
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!match?.[1]) throw invalid(`Invalid parameter name: ${key}`, key);
    const segments = [match[1], ...[...(match[2] ?? "").matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")];
    let container: Params = root;
    for (let index = 0; index < segments.length; index++) {
      let segment = segments[index] ?? "";
      if (segment === "") segment = String(Object.keys(container).length);
      if (FORBIDDEN_KEYS.has(segment)) throw invalid(`Invalid parameter name: ${key}`, key);
      const last = index === segments.length - 1;
      const existing = container[segment];
      if (last) {
        if (existing !== undefined && typeof existing !== "string") throw invalid(`Invalid hash`, key);
        container[segment] = value;
      } else {
        if (existing === undefined) container[segment] = {};
        const next = container[segment];
        if (typeof next !== "object" || Array.isArray(next)) throw invalid(`Invalid hash`, key);
        container = next;
      }
    }
  }
  return arraysFromIndexes(root, null) as Params;
}

/** Objects whose keys are all indexes become arrays, except inside metadata (whose keys are free text). */
function arraysFromIndexes(value: Param, parentKey: string | null): Param {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const key of keys) value[key] = arraysFromIndexes(value[key] as Param, key);
  if (parentKey !== "metadata" && keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((key) => value[key] as Param);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------
// Parameter readers, with Stripe's messages

const paramName = (prefix: string, key: string) => (prefix ? `${prefix}[${key}]` : key);

function describeValue(value: Param): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function checkKeys(
  params: Params,
  allowed: readonly string[],
  prefix = "",
  hints: Record<string, string> = {},
): void {
  for (const key of Object.keys(params)) {
    if (allowed.includes(key)) continue;
    const name = paramName(prefix, key);
    const hint = hints[key] ? ` ${hints[key]}` : "";
    throw invalid(`Received unknown parameter: ${name}${hint}`, name, "parameter_unknown");
  }
}

export function readString(params: Params, key: string, prefix = ""): string | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalid(`Invalid string: ${describeValue(value)}`, paramName(prefix, key));
  return value;
}

export function requireString(params: Params, key: string, prefix = ""): string {
  const value = readString(params, key, prefix);
  if (value === undefined || value === "") {
    throw invalid(`Missing required param: ${paramName(prefix, key)}.`, paramName(prefix, key), "parameter_missing");
  }
  return value;
}

export function readInt(params: Params, key: string, prefix = "", range: { min?: number; max?: number } = {}) {
  const value = params[key];
  if (value === undefined) return undefined;
  const name = paramName(prefix, key);
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) {
    throw invalid(`Invalid integer: ${describeValue(value)}`, name, "parameter_invalid_integer");
  }
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw invalid(`Invalid integer: ${value}`, name, "parameter_invalid_integer");
  if (range.min !== undefined && number < range.min) {
    throw invalid(`This value must be greater than or equal to ${range.min}.`, name, "parameter_invalid_integer");
  }
  if (range.max !== undefined && number > range.max) {
    throw invalid(`This value must be less than or equal to ${range.max}.`, name, "parameter_invalid_integer");
  }
  return number;
}

export function readBool(params: Params, key: string, prefix = ""): boolean | undefined {
  const value = params[key];
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  throw invalid(`Invalid boolean: ${describeValue(value)}`, paramName(prefix, key));
}

export function readHash(params: Params, key: string, prefix = ""): Params | undefined {
  const value = params[key];
  if (value === undefined || value === "") return undefined;
  if (typeof value === "string" || Array.isArray(value)) {
    throw invalid(`Invalid object`, paramName(prefix, key));
  }
  return value;
}

export function readArray(params: Params, key: string, prefix = ""): Param[] | undefined {
  const value = params[key];
  if (value === undefined || value === "") return undefined;
  if (!Array.isArray(value)) throw invalid(`Invalid array`, paramName(prefix, key));
  return value;
}

export function readEnum<T extends string>(
  params: Params,
  key: string,
  values: readonly T[],
  prefix = "",
): T | undefined {
  const value = readString(params, key, prefix);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    const list =
      values.length > 1 ? `${values.slice(0, -1).join(", ")}, or ${values[values.length - 1]}` : (values[0] ?? "");
    throw invalid(`Invalid ${paramName(prefix, key)}: must be one of ${list}`, paramName(prefix, key));
  }
  return value as T;
}

export function readMetadata(params: Params, key = "metadata", prefix = ""): Record<string, string> {
  const hash = readHash(params, key, prefix);
  const out: Record<string, string> = {};
  if (!hash) return out;
  const name = paramName(prefix, key);
  const entries = Object.entries(hash);
  if (entries.length > 50) throw invalid("Metadata can have up to 50 keys.", name);
  for (const [metaKey, value] of entries) {
    if (typeof value !== "string") throw invalid(`Invalid string: ${describeValue(value)}`, `${name}[${metaKey}]`);
    if (metaKey.length > 40) throw invalid("Metadata keys can have up to 40 characters.", `${name}[${metaKey}]`);
    if (value.length > 500) throw invalid("Metadata values can have up to 500 characters.", `${name}[${metaKey}]`);
    if (value !== "") out[metaKey] = value;
  }
  return out;
}

export function readExpand(params: Params): string[] {
  const value = readArray(params, "expand");
  if (!value) return [];
  return value.map((item, index) => {
    if (typeof item !== "string") throw invalid(`Invalid string: ${describeValue(item)}`, `expand[${index}]`);
    return item;
  });
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function readEmail(params: Params, key: string, prefix = ""): string | undefined {
  const value = readString(params, key, prefix);
  if (value === undefined || value === "") return undefined;
  if (!EMAIL.test(value)) throw invalid(`Invalid email address: ${value}`, paramName(prefix, key), "email_invalid");
  return value;
}

export function readUrl(params: Params, key: string, prefix = ""): string | undefined {
  const value = readString(params, key, prefix);
  if (value === undefined || value === "") return undefined;
  let ok = false;
  try {
    const url = new URL(value);
    ok = url.protocol === "http:" || url.protocol === "https:";
  } catch {
    ok = false;
  }
  if (!ok) throw invalid("Not a valid URL", paramName(prefix, key), "url_invalid");
  return value;
}

// ---------------------------------------------------------------------------------------------
// Money

export const CURRENCIES = new Set(
  (
    "usd aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bhd bif bmd bnd bob brl bsd bwp byn bzd cad " +
    "cdf chf clp cny cop crc cve czk djf dkk dop dzd egp etb eur fjd fkp gbp gel gip gmd gnf gtq gyd hkd hnl " +
    "htg huf idr ils inr isk jmd jod jpy kes kgs khr kmf krw kwd kyd kzt lak lbp lkr lrd lsl mad mdl mga mkd " +
    "mmk mnt mop mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd omr pab pen pgk php pkr pln pyg qar ron rsd " +
    "rub rwf sar sbd scr sek sgd shp sle sos srd std szl thb tjs tnd top try ttd twd tzs uah ugx uyu uzs vnd " +
    "vuv wst xaf xcd xof xpf yer zar zmw"
  ).split(" "),
);
const ZERO_DECIMAL = new Set("bif clp djf gnf jpy kmf krw mga pyg rwf ugx vnd vuv xaf xof xpf".split(" "));
/** Stripe's minimum charge amounts (minor units) for settlement currencies; others need > 0. */
export const MINIMUM_AMOUNT: Record<string, number> = {
  usd: 50,
  aed: 200,
  aud: 50,
  bgn: 100,
  brl: 50,
  cad: 50,
  chf: 50,
  czk: 1500,
  dkk: 250,
  eur: 50,
  gbp: 30,
  hkd: 400,
  huf: 17500,
  inr: 50,
  jpy: 50,
  mxn: 1000,
  myr: 200,
  nok: 300,
  nzd: 50,
  pln: 200,
  ron: 200,
  sek: 300,
  sgd: 50,
  thb: 1000,
};
export const MAX_AMOUNT = 99_999_999;

export function formatAmount(amount: number, currency: string): string {
  const decimals = ZERO_DECIMAL.has(currency) ? 0 : 2;
  const major = (amount / 10 ** decimals).toFixed(decimals);
  return currency === "usd" ? `$${major} usd` : `${major} ${currency}`;
}
