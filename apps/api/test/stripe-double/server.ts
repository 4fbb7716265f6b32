// A local double of the slice of Stripe's v1 API that checkout uses, for tests that drive the REAL
// `stripe` SDK (pointed at it with `new Stripe(key, double.sdkConfig)`): form-encoded bodies in
// Stripe's bracket notation, JSON responses, Stripe-shaped errors and statuses, Connect
// (`Stripe-Account`: every object lives on one account and is invisible from the others),
// idempotency keys, API-key auth. Tests drive the world through the returned object (complete,
// expire, refund, onboard...), which also records the webhook events Stripe would send.
//
// Not Stripe: only what checkout needs, modelled on the API version the SDK pins
// (2026-10-28.endive, where Checkout takes `allowed_payment_method_types`; `payment_method_types`
// is accepted only when a request pins an older version). Parameters the double does not model are
// rejected with a 400 saying so, never silently ignored when they would change amounts.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type Stripe from "stripe";
import {
  accountUpdated,
  chargeRefunded,
  checkoutSessionAsyncPaymentFailed,
  checkoutSessionAsyncPaymentSucceeded,
  checkoutSessionCompleted,
  checkoutSessionExpired,
  type EventOptions,
  stripeId,
} from "./events.ts";
import {
  ApiError,
  accountInvalid,
  CURRENCIES,
  checkKeys,
  conflict,
  formatAmount,
  invalid,
  MAX_AMOUNT,
  MINIMUM_AMOUNT,
  missing,
  notModelled,
  type Param,
  type Params,
  parseForm,
  readArray,
  readBool,
  readEmail,
  readEnum,
  readExpand,
  readHash,
  readInt,
  readMetadata,
  readString,
  readUrl,
  redact,
  requireString,
} from "./wire.ts";

export type { Param, Params };

// ---------------------------------------------------------------------------------------------
// Public surface

export interface StripeDoubleOptions {
  /** Accept only this secret key (default: any `sk_test_…` or `rk_test_…` key). */
  apiKey?: string;
  /** The double's clock in ms (default `Date.now`); `advance()` moves it forward on top. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/checkout/sessions`. */
  path: string;
  /** Parsed query string (GET parameters). */
  query: Params;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  stripeAccount: string | null;
  idempotencyKey: string | null;
  stripeVersion: string | null;
  /** Parsed form body (bracket notation turned into objects and arrays). */
  body: Params;
  rawBody: string;
  status: number;
  /** True when the response was replayed from the idempotency store. */
  replayed: boolean;
  response: unknown;
}

export interface CompleteOptions {
  /** A delayed-notification payment: the session completes `unpaid` until `succeedAsync`/`failAsync`. */
  async?: boolean;
  /** Which of the session's `payment_method_types` the buyer used (default: the first). */
  paymentMethod?: string;
  /** The buyer's email in `customer_details` (default: `customer_email` or buyer@example.com). */
  email?: string;
  name?: string;
  /**
   * Charge this amount instead of the session's total (and report it as `amount_total`), as when
   * Stripe adds something the platform did not ask for: for tests of a paid amount that does not match.
   */
  amountTotal?: number;
}

export interface AccountPatch {
  charges_enabled?: boolean;
  details_submitted?: boolean;
  payouts_enabled?: boolean;
  capabilities?: Record<string, "active" | "inactive" | "pending">;
  email?: string;
}

export interface StripeDouble {
  /** e.g. `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  /** Pass to `new Stripe(key, double.sdkConfig)`. */
  sdkConfig: { host: string; port: number; protocol: "http"; maxNetworkRetries: number; telemetry: boolean };
  /** Every HTTP request received, oldest first. */
  requests: RecordedRequest[];
  /** Every webhook event Stripe would have sent, oldest first (`account` set on connected accounts). */
  events: Stripe.Event[];
  lastEvent(type?: string): Stripe.Event;

  /** The buyer pays: `status: complete`, a PaymentIntent and a charge; `paid`, or `unpaid` if async. */
  complete(sessionId: string, options?: CompleteOptions): Stripe.Checkout.Session;
  /** A delayed payment settles: `payment_status: paid`. */
  succeedAsync(sessionId: string): Stripe.Checkout.Session;
  /** A delayed payment fails: the session stays `complete`/`unpaid`, the PaymentIntent needs a new method. */
  failAsync(sessionId: string): Stripe.Checkout.Session;
  /** The session expires (as when `expires_at` passes). */
  expire(sessionId: string): Stripe.Checkout.Session;
  /** A refund made outside the app (e.g. the Stripe dashboard), of a session, PaymentIntent or charge. */
  refund(id: string, options?: { amount?: number; reason?: string }): { refund: Stripe.Refund; charge: Stripe.Charge };
  /** Creates a connected account directly (as if made earlier); starts not onboarded. */
  createAccount(params?: { type?: string; country?: string; email?: string }): Stripe.Account;
  /** Changes a connected account (records `account.updated`). Enabling charges activates its payment capabilities. */
  setAccount(id: string, patch: AccountPatch): Stripe.Account;
  /** Shorthand: charges, payouts and details all done. */
  onboard(id: string): Stripe.Account;

  account(id: string): Stripe.Account;
  session(id: string): Stripe.Checkout.Session;
  paymentIntent(id: string): Stripe.PaymentIntent;
  charge(id: string): Stripe.Charge;
  /** The charge behind a session, PaymentIntent or charge id. */
  chargeOf(id: string): Stripe.Charge;
  /** The account (`acct_…`) an object lives on, or null for the platform. */
  accountOf(id: string): string | null;

  /** The double's clock, Unix seconds. */
  now(): number;
  /** Moves the double's clock forward; open sessions past `expires_at` expire on the next access. */
  advance(seconds: number): void;
  /** Forgets everything: accounts, objects, idempotency keys, requests, events, clock offset. */
  reset(): void;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// State

/** Payment methods the double knows how to pay with, and the account capability each needs. */
const METHOD_CAPABILITY: Record<string, string> = {
  card: "card_payments",
  wechat_pay: "wechat_pay_payments",
  alipay: "alipay_payments",
};
const PAYMENT_METHOD_TYPES: readonly string[] = (
  "acss_debit affirm afterpay_clearpay alipay alma amazon_pay au_becs_debit bacs_debit bancontact " +
  "billie bizum blik boleto card cashapp crypto customer_balance eps fpx giropay grabpay ideal " +
  "kakao_pay klarna konbini kr_card link mb_way mobilepay multibanco naver_pay nz_bank_account oxxo " +
  "pay_by_bank payco paynow paypal paypay payto pix promptpay revolut_pay samsung_pay satispay scalapay " +
  "sepa_debit sequra sofort sunbit swish twint upi us_bank_account wechat_pay zip"
).split(" ");

/** The API version where Checkout dropped `payment_method_types` for `allowed_payment_method_types`. */
const ENDIVE = "2026-09-30";
const PLATFORM_APPLICATION = "ca_stalldoubleplatform";
const EXPIRY_GRACE_SECONDS = 5;

interface IdempotencyRecord {
  fingerprint: string;
  status: number;
  body: unknown;
  createdAt: number;
}

interface Scope {
  account: string | null;
  sessions: Map<string, Stripe.Checkout.Session>;
  lineItems: Map<string, Stripe.LineItem[]>;
  sequence: Map<string, number>;
  paymentIntents: Map<string, Stripe.PaymentIntent>;
  charges: Map<string, Stripe.Charge>;
  refunds: Map<string, Stripe.Refund>;
  idempotency: Map<string, IdempotencyRecord>;
}

function newScope(account: string | null): Scope {
  return {
    account,
    sessions: new Map(),
    lineItems: new Map(),
    sequence: new Map(),
    paymentIntents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    idempotency: new Map(),
  };
}

interface Context {
  method: string;
  path: string;
  match: RegExpExecArray;
  params: Params;
  scope: Scope;
  key: string;
  version: string | null;
  requestId: string;
  idempotencyKey: string | null;
}

type Handler = (context: Context) => unknown;

const clone = <T>(value: T): T => structuredClone(value);

function canonical(value: Param): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key] as Param)}`)
    .join(",")}}`;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

// ---------------------------------------------------------------------------------------------
// The double

export async function startStripeDouble(options: StripeDoubleOptions = {}): Promise<StripeDouble> {
  const clock = options.now ?? Date.now;
  let offsetMs = 0;
  const nowSeconds = () => Math.floor((clock() + offsetMs) / 1000);

  const accounts = new Map<string, Stripe.Account>();
  const scopes = new Map<string, Scope>();
  const platform = () => scopeFor(null);
  const requests: RecordedRequest[] = [];
  const events: Stripe.Event[] = [];
  let sequence = 0;

  function scopeFor(account: string | null): Scope {
    const key = account ?? "platform";
    let scope = scopes.get(key);
    if (!scope) {
      scope = newScope(account);
      scopes.set(key, scope);
    }
    return scope;
  }

  function record(event: Stripe.Event): void {
    events.push(event);
  }

  function eventOptions(scope: Scope, context?: Context): EventOptions {
    return {
      account: scope.account,
      created: nowSeconds(),
      request: context
        ? { id: context.requestId, idempotency_key: context.idempotencyKey }
        : { id: null, idempotency_key: null },
    };
  }

  /** Where an object lives, by id, across every account. */
  function locate(id: string): Scope | undefined {
    for (const scope of scopes.values()) {
      if (scope.sessions.has(id) || scope.paymentIntents.has(id) || scope.charges.has(id) || scope.refunds.has(id)) {
        return scope;
      }
    }
    return undefined;
  }

  // --- accounts ------------------------------------------------------------------------------

  const PAYMENT_CAPABILITIES = ["card_payments", "transfers", "wechat_pay_payments", "alipay_payments"];

  function defaultCurrency(country: string): string {
    const byCountry: Record<string, string> = {
      US: "usd",
      GB: "gbp",
      CA: "cad",
      AU: "aud",
      NZ: "nzd",
      JP: "jpy",
      HK: "hkd",
      SG: "sgd",
      CH: "chf",
      CN: "cny",
      MY: "myr",
      SE: "sek",
      DK: "dkk",
      NO: "nok",
    };
    return byCountry[country] ?? "eur";
  }

  function accountRequirements(account: { details_submitted: boolean; charges_enabled: boolean }) {
    const due = account.details_submitted
      ? []
      : ["business_profile.url", "external_account", "representative.first_name", "tos_acceptance.date"];
    return {
      alternatives: [],
      current_deadline: null,
      currently_due: due,
      disabled_reason: account.charges_enabled ? null : "requirements.past_due",
      errors: [],
      eventually_due: due,
      past_due: due,
      pending_verification: [],
    };
  }

  function makeAccount(params: {
    type: string;
    country: string;
    email: string | null;
    metadata?: Record<string, string>;
    businessProfile?: Params;
    defaultCurrency?: string;
  }): Stripe.Account {
    const id = stripeId("acct_", 16);
    const base = { details_submitted: false, charges_enabled: false };
    const account = {
      id,
      object: "account",
      business_profile: {
        mcc: null,
        name: typeof params.businessProfile?.name === "string" ? params.businessProfile.name : null,
        support_email: null,
        support_phone: null,
        support_url: null,
        url: typeof params.businessProfile?.url === "string" ? params.businessProfile.url : null,
      },
      business_type: null,
      capabilities: Object.fromEntries(PAYMENT_CAPABILITIES.map((name) => [name, "inactive"])),
      charges_enabled: false,
      controller: {
        is_controller: true,
        type: "application",
        ...(params.type === "standard" ? { stripe_dashboard: { type: "full" } } : {}),
        ...(params.type === "express" ? { stripe_dashboard: { type: "express" } } : {}),
      },
      country: params.country,
      created: nowSeconds(),
      default_currency: params.defaultCurrency ?? defaultCurrency(params.country),
      details_submitted: false,
      email: params.email,
      external_accounts: {
        object: "list",
        data: [],
        has_more: false,
        total_count: 0,
        url: `/v1/accounts/${id}/external_accounts`,
      },
      future_requirements: { ...accountRequirements({ details_submitted: true, charges_enabled: true }) },
      metadata: params.metadata ?? {},
      payouts_enabled: false,
      requirements: accountRequirements(base),
      settings: {
        dashboard: { display_name: null, timezone: "Etc/UTC" },
        payments: { statement_descriptor: null },
      },
      tos_acceptance: { date: null },
      type: params.type,
    } as unknown as Stripe.Account;
    accounts.set(id, account);
    scopeFor(id);
    return account;
  }

  function getAccount(id: string): Stripe.Account {
    const account = accounts.get(id);
    if (!account) throw new Error(`stripe-double: no account ${id}`);
    return account;
  }

  function patchAccount(id: string, patch: AccountPatch): Stripe.Account {
    const account = getAccount(id);
    const before = clone(account);
    const mutable = account as unknown as Record<string, unknown>;
    if (patch.charges_enabled !== undefined) mutable.charges_enabled = patch.charges_enabled;
    if (patch.details_submitted !== undefined) mutable.details_submitted = patch.details_submitted;
    if (patch.payouts_enabled !== undefined) mutable.payouts_enabled = patch.payouts_enabled;
    if (patch.email !== undefined) mutable.email = patch.email;
    const capabilities = account.capabilities as Record<string, string>;
    if (patch.capabilities) Object.assign(capabilities, patch.capabilities);
    else if (patch.charges_enabled !== undefined) {
      for (const name of PAYMENT_CAPABILITIES) capabilities[name] = patch.charges_enabled ? "active" : "inactive";
    }
    mutable.requirements = accountRequirements(account);
    if (account.details_submitted && !before.details_submitted) mutable.tos_acceptance = { date: nowSeconds() };
    const previous: Record<string, unknown> = {};
    for (const key of Object.keys(mutable)) {
      const old = (before as unknown as Record<string, unknown>)[key];
      if (JSON.stringify(old) !== JSON.stringify(mutable[key])) previous[key] = old;
    }
    if (Object.keys(previous).length > 0) {
      record(accountUpdated(clone(account), { created: nowSeconds(), previousAttributes: previous }));
    }
    return clone(account);
  }

  const createAccountHandler: Handler = ({ params }) => {
    checkKeys(params, [
      "type",
      "country",
      "email",
      "metadata",
      "business_profile",
      "business_type",
      "capabilities",
      "controller",
      "default_currency",
      "settings",
      "tos_acceptance",
      "company",
      "individual",
      "external_account",
      "documents",
      "account_token",
      "groups",
      "expand",
    ]);
    const controller = readHash(params, "controller");
    let type = readEnum(params, "type", ["standard", "express", "custom"] as const);
    if (!type && !controller) {
      throw invalid("You must provide either `type` or `controller`.", "type", "parameter_missing");
    }
    if (!type) {
      const dashboard = readHash(controller ?? {}, "stripe_dashboard", "controller");
      const dashboardType = dashboard ? readString(dashboard, "type", "controller[stripe_dashboard]") : undefined;
      type = dashboardType === "express" ? "express" : dashboardType === "none" ? "custom" : "standard";
    }
    const countryRaw = readString(params, "country") ?? "US";
    if (!/^[A-Za-z]{2}$/.test(countryRaw)) {
      throw invalid(
        `Country '${countryRaw}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`,
        "country",
      );
    }
    const defaultCurrencyParam = readString(params, "default_currency");
    if (defaultCurrencyParam !== undefined && !CURRENCIES.has(defaultCurrencyParam)) {
      throw invalid(`Invalid currency: ${defaultCurrencyParam}.`, "default_currency");
    }
    const businessProfile = readHash(params, "business_profile");
    return makeAccount({
      type,
      country: countryRaw.toUpperCase(),
      email: readEmail(params, "email") ?? null,
      metadata: readMetadata(params),
      ...(businessProfile ? { businessProfile } : {}),
      ...(defaultCurrencyParam ? { defaultCurrency: defaultCurrencyParam } : {}),
    });
  };

  const retrieveAccountHandler: Handler = ({ match, params, scope, key }) => {
    checkKeys(params, ["expand"]);
    const id = decodeURIComponent(match[1] ?? "");
    const account = accounts.get(id);
    if (!account || (scope.account !== null && scope.account !== id)) throw accountInvalid(id, key);
    return clone(account);
  };

  const createAccountLinkHandler: Handler = ({ params }) => {
    checkKeys(params, ["account", "type", "refresh_url", "return_url", "collect", "collection_options", "expand"]);
    const accountId = requireString(params, "account");
    const type = readEnum(params, "type", ["account_onboarding", "account_update"] as const);
    if (!type) throw invalid("Missing required param: type.", "type", "parameter_missing");
    const refreshUrl = readUrl(params, "refresh_url");
    const returnUrl = readUrl(params, "return_url");
    if (!refreshUrl) throw invalid("Missing required param: refresh_url.", "refresh_url", "parameter_missing");
    if (!returnUrl) throw invalid("Missing required param: return_url.", "return_url", "parameter_missing");
    const account = accounts.get(accountId);
    if (!account) throw missing("account", accountId, "account", 400);
    if (type === "account_update" && account.type === "standard") {
      throw invalid("You cannot create `account_update` type Account Links for Standard accounts.", "type");
    }
    const created = nowSeconds();
    const kind = account.type === "express" ? "e" : "s";
    return {
      object: "account_link",
      created,
      expires_at: created + 300,
      url: `https://connect.stripe.com/setup/${kind}/${accountId}/${stripeId("", 12)}`,
    };
  };

  // --- checkout sessions ---------------------------------------------------------------------

  const SESSION_MODELLED = [
    "mode",
    "line_items",
    "allowed_payment_method_types",
    "excluded_payment_method_types",
    "payment_method_options",
    "success_url",
    "cancel_url",
    "expires_at",
    "client_reference_id",
    "metadata",
    "customer_email",
    "payment_intent_data",
    "currency",
    "ui_mode",
    "locale",
    "submit_type",
    "billing_address_collection",
    "expand",
  ];
  /** Accepted and ignored: they change what the hosted page asks, not what is charged. */
  const SESSION_IGNORED = [
    "allow_promotion_codes",
    "phone_number_collection",
    "shipping_address_collection",
    "custom_text",
    "custom_fields",
    "consent_collection",
    "tax_id_collection",
    "after_expiration",
    "invoice_creation",
    "customer_creation",
    "payment_method_collection",
    "saved_payment_method_options",
    "branding_settings",
    "wallet_options",
    "adaptive_pricing",
    "name_collection",
    "origin_context",
    "permissions",
    "integration_identifier",
    "redirect_on_completion",
  ];
  /** Known to Stripe, but would change amounts or flows the double does not model: a 400 says so. */
  const SESSION_NOT_MODELLED = [
    "automatic_tax",
    "discounts",
    "shipping_options",
    "optional_items",
    "subscription_data",
    "setup_intent_data",
    "customer",
    "customer_account",
    "customer_update",
    "payment_method_configuration",
    "payment_method_data",
    "managed_payments",
    "return_url",
  ];

  function isLegacy(version: string | null): boolean {
    return version !== null && /^\d{4}-\d{2}-\d{2}/.test(version) && version.slice(0, 10) < ENDIVE;
  }

  function eligibleMethods(scope: Scope): string[] {
    if (scope.account === null) return Object.keys(METHOD_CAPABILITY);
    const capabilities = (accounts.get(scope.account)?.capabilities ?? {}) as Record<string, string>;
    return Object.keys(METHOD_CAPABILITY).filter(
      (method) => capabilities[METHOD_CAPABILITY[method] ?? ""] === "active",
    );
  }

  function readMethodList(params: Params, key: string): string[] | undefined {
    const list = readArray(params, key);
    if (!list) return undefined;
    return list.map((item, index) => {
      if (typeof item !== "string" || !PAYMENT_METHOD_TYPES.includes(item)) {
        throw invalid(
          `Invalid ${key}[${index}]: must be one of ${PAYMENT_METHOD_TYPES.join(", ")}`,
          `${key}[${index}]`,
        );
      }
      return item;
    });
  }

  const createSessionHandler: Handler = (context) => {
    const { params, scope } = context;
    const legacy = isLegacy(context.version);
    checkKeys(
      params,
      [...SESSION_MODELLED, ...SESSION_IGNORED, ...SESSION_NOT_MODELLED, ...(legacy ? ["payment_method_types"] : [])],
      "",
      {
        payment_method_types: `(removed in API version ${ENDIVE}.endive; did you mean allowed_payment_method_types?)`,
      },
    );
    for (const key of SESSION_NOT_MODELLED) if (params[key] !== undefined) throw notModelled(key);

    const mode = readEnum(params, "mode", ["payment", "setup", "subscription"] as const) ?? "payment";
    if (mode !== "payment") throw notModelled(`mode=${mode}`);
    const uiMode =
      readEnum(params, "ui_mode", ["elements", "embedded_page", "form", "hosted_page"] as const) ?? "hosted_page";
    if (uiMode !== "hosted_page") throw notModelled(`ui_mode=${uiMode}`);
    if (scope.account !== null) {
      const account = accounts.get(scope.account);
      if (account && !account.charges_enabled) {
        throw invalid(
          `Your account cannot currently make charges. To find out why charge creation is currently disabled, look at the \`requirements.disabled_reason\` property on this account (/v1/accounts/${scope.account}).`,
        );
      }
    }
    const successUrl = readUrl(params, "success_url") ?? null;
    const cancelUrl = readUrl(params, "cancel_url") ?? null;

    // Line items
    const items = readArray(params, "line_items");
    if (!items || items.length === 0) {
      throw invalid("Missing required param: line_items.", "line_items", "parameter_missing");
    }
    if (items.length > 100) throw invalid("You may only specify up to 100 line items.", "line_items");
    let currency = readString(params, "currency");
    if (currency !== undefined && !CURRENCIES.has(currency))
      throw invalid(`Invalid currency: ${currency}.`, "currency");
    const created = nowSeconds();
    const sessionId = stripeId("cs_test_", 58);
    const lineItems: Stripe.LineItem[] = [];
    items.forEach((item, index) => {
      const prefix = `line_items[${index}]`;
      if (typeof item !== "object" || Array.isArray(item)) throw invalid("Invalid object", prefix);
      checkKeys(
        item,
        ["adjustable_quantity", "dynamic_tax_rates", "metadata", "price", "price_data", "quantity", "tax_rates"],
        prefix,
      );
      for (const key of ["adjustable_quantity", "dynamic_tax_rates", "tax_rates"]) {
        if (item[key] !== undefined) throw notModelled(`${prefix}[${key}]`);
      }
      const price = readString(item, "price", prefix);
      if (price !== undefined) throw missing("price", price, `${prefix}[price]`, 400);
      const priceData = readHash(item, "price_data", prefix);
      if (!priceData) {
        throw invalid(`Missing required param: ${prefix}[price_data].`, `${prefix}[price_data]`, "parameter_missing");
      }
      const pd = `${prefix}[price_data]`;
      checkKeys(
        priceData,
        ["currency", "product", "product_data", "recurring", "tax_behavior", "unit_amount", "unit_amount_decimal"],
        pd,
      );
      if (priceData.recurring !== undefined) {
        throw invalid(
          "You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.",
          `${pd}[recurring]`,
        );
      }
      if (priceData.unit_amount_decimal !== undefined) throw notModelled(`${pd}[unit_amount_decimal]`);
      const itemCurrency = requireString(priceData, "currency", pd);
      if (!CURRENCIES.has(itemCurrency)) {
        throw invalid(
          `Invalid currency: ${itemCurrency}. Stripe currently supports these currencies: ${[...CURRENCIES].join(", ")}`,
          `${pd}[currency]`,
        );
      }
      if (currency === undefined) currency = itemCurrency;
      else if (currency !== itemCurrency) {
        throw invalid(
          `All line items must use the same currency (${currency} and ${itemCurrency} were given).`,
          `${pd}[currency]`,
        );
      }
      const unitAmount = readInt(priceData, "unit_amount", pd, { min: 0, max: MAX_AMOUNT });
      if (unitAmount === undefined) {
        throw invalid(`Missing required param: ${pd}[unit_amount].`, `${pd}[unit_amount]`, "parameter_missing");
      }
      const product = readString(priceData, "product", pd);
      if (product !== undefined) throw missing("product", product, `${pd}[product]`, 400);
      const productData = readHash(priceData, "product_data", pd);
      if (!productData) {
        throw invalid(`Missing required param: ${pd}[product_data].`, `${pd}[product_data]`, "parameter_missing");
      }
      const pdd = `${pd}[product_data]`;
      checkKeys(
        productData,
        ["name", "description", "images", "metadata", "tax_code", "tax_details", "unit_label"],
        pdd,
      );
      const name = requireString(productData, "name", pdd);
      readString(productData, "description", pdd);
      readMetadata(productData, "metadata", pdd);
      const quantity = readInt(item, "quantity", prefix, { min: 1, max: 999_999 });
      if (quantity === undefined) {
        throw invalid(`Missing required param: ${prefix}[quantity].`, `${prefix}[quantity]`, "parameter_missing");
      }
      const amount = unitAmount * quantity;
      const productId = stripeId("prod_", 14);
      lineItems.push({
        id: stripeId("li_"),
        object: "item",
        adjustable_quantity: null,
        amount_discount: 0,
        amount_subtotal: amount,
        amount_tax: 0,
        amount_total: amount,
        currency: itemCurrency,
        description: name,
        metadata: readMetadata(item, "metadata", prefix),
        price: {
          id: stripeId("price_"),
          object: "price",
          active: false,
          billing_scheme: "per_unit",
          created,
          currency: itemCurrency,
          custom_unit_amount: null,
          livemode: false,
          lookup_key: null,
          metadata: {},
          nickname: null,
          product: productId,
          recurring: null,
          tax_behavior: readString(priceData, "tax_behavior", pd) ?? "unspecified",
          tiers_mode: null,
          transform_quantity: null,
          type: "one_time",
          unit_amount: unitAmount,
          unit_amount_decimal: String(unitAmount),
        },
        quantity,
      } as unknown as Stripe.LineItem);
    });
    const sessionCurrency = currency ?? "usd";
    const amountTotal = lineItems.reduce((sum, item) => sum + item.amount_total, 0);
    const minimum = MINIMUM_AMOUNT[sessionCurrency] ?? 1;
    if (amountTotal < minimum) {
      throw invalid(
        `The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, sessionCurrency)}`,
        "line_items",
        "amount_too_small",
      );
    }
    if (amountTotal > MAX_AMOUNT) {
      throw invalid(
        `The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT, sessionCurrency)}`,
        "line_items",
        "amount_too_large",
      );
    }

    // Expiry: 30 minutes to 24 hours from creation.
    const expiresAt = readInt(params, "expires_at") ?? created + 24 * 3600;
    if (expiresAt < created + 30 * 60 - EXPIRY_GRACE_SECONDS) {
      throw invalid(
        "The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.",
        "expires_at",
      );
    }
    if (expiresAt > created + 24 * 3600) {
      throw invalid(
        "The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.",
        "expires_at",
      );
    }

    // Payment methods
    const options = readHash(params, "payment_method_options") ?? {};
    checkKeys(options, PAYMENT_METHOD_TYPES, "payment_method_options");
    const sessionOptions: Record<string, unknown> = {};
    const wechat = readHash(options, "wechat_pay", "payment_method_options");
    if (wechat) {
      const prefix = "payment_method_options[wechat_pay]";
      checkKeys(wechat, ["app_id", "client", "setup_future_usage"], prefix);
      const client = readEnum(wechat, "client", ["android", "ios", "web"] as const, prefix);
      if (!client)
        throw invalid(`Missing required param: ${prefix}[client].`, `${prefix}[client]`, "parameter_missing");
      const appId = readString(wechat, "app_id", prefix) ?? null;
      if (client !== "web" && !appId) {
        throw invalid(`Missing required param: ${prefix}[app_id].`, `${prefix}[app_id]`, "parameter_missing");
      }
      sessionOptions.wechat_pay = { app_id: appId, client };
    }
    for (const [method, value] of Object.entries(options)) {
      if (method !== "wechat_pay") sessionOptions[method] = clone(value);
    }
    const allowed = readMethodList(params, "allowed_payment_method_types");
    const explicit = legacy ? readMethodList(params, "payment_method_types") : undefined;
    const excluded = readMethodList(params, "excluded_payment_method_types") ?? [];
    const eligible = eligibleMethods(scope);
    let methods: string[];
    if (explicit) {
      explicit.forEach((method, index) => {
        if (!eligible.includes(method)) {
          throw invalid(
            `The payment method type "${method}" is invalid. Please ensure the provided type is activated in your dashboard (https://dashboard.stripe.com/account/payments/settings) and your account is enabled for any preview features that you are trying to use.`,
            `payment_method_types[${index}]`,
          );
        }
      });
      methods = [...new Set(explicit)];
    } else {
      // allowed_payment_method_types filters the dynamically eligible set; WeChat Pay needs a client.
      methods = eligible.filter((method) => (allowed ? allowed.includes(method) : method !== "wechat_pay" || wechat));
    }
    methods = methods.filter((method) => !excluded.includes(method));
    const wantsWechat = methods.includes("wechat_pay") || allowed?.includes("wechat_pay") === true;
    if (wantsWechat && !wechat) {
      throw invalid(
        "Missing required param: payment_method_options[wechat_pay][client].",
        "payment_method_options[wechat_pay][client]",
        "parameter_missing",
      );
    }
    if (methods.length === 0) {
      throw invalid(
        "No valid payment method types for this Checkout Session. Please ensure that you have activated payment methods compatible with your chosen currency in your dashboard (https://dashboard.stripe.com/settings/payment_methods).",
        allowed ? "allowed_payment_method_types" : undefined,
      );
    }

    // PaymentIntent data and Connect
    const piData = readHash(params, "payment_intent_data") ?? {};
    checkKeys(
      piData,
      [
        "application_fee_amount",
        "capture_method",
        "description",
        "metadata",
        "on_behalf_of",
        "receipt_email",
        "setup_future_usage",
        "shipping",
        "statement_descriptor",
        "statement_descriptor_suffix",
        "transfer_data",
        "transfer_group",
      ],
      "payment_intent_data",
    );
    for (const key of ["on_behalf_of", "transfer_data", "setup_future_usage", "shipping"]) {
      if (piData[key] !== undefined) throw notModelled(`payment_intent_data[${key}]`);
    }
    const captureMethod = readEnum(
      piData,
      "capture_method",
      ["automatic", "automatic_async", "manual"] as const,
      "payment_intent_data",
    );
    if (captureMethod === "manual") throw notModelled("payment_intent_data[capture_method]=manual");
    const fee = readInt(piData, "application_fee_amount", "payment_intent_data", { min: 0 });
    if (fee !== undefined && scope.account === null) {
      throw invalid(
        "Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).",
        "payment_intent_data[application_fee_amount]",
      );
    }
    if (fee !== undefined && fee > amountTotal) {
      throw invalid(
        `The application fee (${formatAmount(fee, sessionCurrency)}) cannot be greater than the amount (${formatAmount(amountTotal, sessionCurrency)}).`,
        "payment_intent_data[application_fee_amount]",
      );
    }
    const statementDescriptor = readString(piData, "statement_descriptor", "payment_intent_data");
    if (statementDescriptor !== undefined && statementDescriptor.length > 22) {
      throw invalid(
        "The statement descriptor must be at most 22 characters.",
        "payment_intent_data[statement_descriptor]",
      );
    }
    const piPlan = {
      application_fee_amount: fee ?? null,
      description: readString(piData, "description", "payment_intent_data") ?? null,
      metadata: readMetadata(piData, "metadata", "payment_intent_data"),
      receipt_email: readEmail(piData, "receipt_email", "payment_intent_data") ?? null,
      statement_descriptor: statementDescriptor ?? null,
      statement_descriptor_suffix: readString(piData, "statement_descriptor_suffix", "payment_intent_data") ?? null,
      transfer_group: readString(piData, "transfer_group", "payment_intent_data") ?? null,
    };

    const clientReferenceId = readString(params, "client_reference_id");
    if (clientReferenceId !== undefined && clientReferenceId.length > 200) {
      throw invalid("Invalid string: must be at most 200 characters", "client_reference_id");
    }
    const metadata = readMetadata(params);
    const customerEmail = readEmail(params, "customer_email") ?? null;
    const expand = readExpand(params);

    const session = {
      id: sessionId,
      object: "checkout.session",
      adaptive_pricing: null,
      after_expiration: null,
      allow_promotion_codes: null,
      allowed_payment_method_types: allowed ?? null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: readString(params, "billing_address_collection") ?? null,
      cancel_url: cancelUrl,
      client_reference_id: clientReferenceId ?? null,
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created,
      currency: sessionCurrency,
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: null,
      customer_account: null,
      customer_creation: "if_required",
      customer_details: null,
      customer_email: customerEmail,
      discounts: [],
      expires_at: expiresAt,
      integration_identifier: null,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: readString(params, "locale") ?? null,
      managed_payments: null,
      metadata,
      mode,
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: "if_required",
      payment_method_configuration_details: null,
      payment_method_options: sessionOptions,
      payment_method_types: methods,
      payment_status: "unpaid",
      permissions: null,
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: "open",
      submit_type: readString(params, "submit_type") ?? null,
      subscription: null,
      success_url: successUrl,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: uiMode,
      url: `https://checkout.stripe.com/c/pay/${sessionId}`,
      wallet_options: null,
    } as unknown as Stripe.Checkout.Session;
    scope.sessions.set(sessionId, session);
    scope.lineItems.set(sessionId, lineItems);
    scope.sequence.set(sessionId, ++sequence);
    pendingPaymentIntents.set(sessionId, piPlan);
    return expandObject(clone(session), expand, scope);
  };

  /** What the PaymentIntent will carry once the buyer pays (Checkout creates it lazily). */
  const pendingPaymentIntents = new Map<
    string,
    {
      application_fee_amount: number | null;
      description: string | null;
      metadata: Record<string, string>;
      receipt_email: string | null;
      statement_descriptor: string | null;
      statement_descriptor_suffix: string | null;
      transfer_group: string | null;
    }
  >();

  function sessionIn(scope: Scope, id: string, param?: string): Stripe.Checkout.Session {
    const session = scope.sessions.get(id);
    if (!session) throw missing("checkout.session", id, param);
    return session;
  }

  const retrieveSessionHandler: Handler = ({ match, params, scope }) => {
    checkKeys(params, ["expand"]);
    const session = sessionIn(scope, decodeURIComponent(match[1] ?? ""), "session");
    return expandObject(clone(session), readExpand(params), scope);
  };

  const listLineItemsHandler: Handler = ({ match, params, scope }) => {
    checkKeys(params, ["expand", "limit", "starting_after", "ending_before"]);
    const id = decodeURIComponent(match[1] ?? "");
    sessionIn(scope, id, "session");
    const limit = readInt(params, "limit", "", { min: 1, max: 100 }) ?? 10;
    const all = (scope.lineItems.get(id) ?? []).map(renderLineItem);
    return {
      object: "list",
      data: all.slice(0, limit),
      has_more: all.length > limit,
      url: `/v1/checkout/sessions/${id}/line_items`,
    };
  };

  function readCreated(params: Params): { gt?: number; gte?: number; lt?: number; lte?: number } {
    const created = params.created;
    if (created === undefined) return {};
    if (typeof created === "string") {
      const exact = readInt(params, "created");
      return exact === undefined ? {} : { gte: exact, lte: exact };
    }
    if (Array.isArray(created)) throw invalid("Invalid object", "created");
    checkKeys(created, ["gt", "gte", "lt", "lte"], "created");
    const range: { gt?: number; gte?: number; lt?: number; lte?: number } = {};
    for (const key of ["gt", "gte", "lt", "lte"] as const) {
      const value = readInt(created, key, "created");
      if (value !== undefined) range[key] = value;
    }
    return range;
  }

  const listSessionsHandler: Handler = ({ params, scope }) => {
    checkKeys(params, [
      "created",
      "customer",
      "customer_account",
      "customer_details",
      "ending_before",
      "expand",
      "limit",
      "payment_intent",
      "payment_link",
      "starting_after",
      "status",
      "subscription",
    ]);
    const limit = readInt(params, "limit", "", { min: 1, max: 100 }) ?? 10;
    const status = readEnum(params, "status", ["complete", "expired", "open"] as const);
    const created = readCreated(params);
    const paymentIntent = readString(params, "payment_intent");
    const customerDetails = readHash(params, "customer_details");
    if (customerDetails) checkKeys(customerDetails, ["email"], "customer_details");
    const email = customerDetails ? readString(customerDetails, "email", "customer_details") : undefined;
    for (const key of ["customer", "customer_account", "payment_link", "subscription"]) {
      if (readString(params, key) !== undefined)
        return { object: "list", data: [], has_more: false, url: "/v1/checkout/sessions" };
    }
    const order = (id: string) => scope.sequence.get(id) ?? 0;
    const newestFirst = (a: Stripe.Checkout.Session, b: Stripe.Checkout.Session) =>
      b.created - a.created || order(b.id) - order(a.id);
    let list = [...scope.sessions.values()]
      .filter((session) => {
        if (status && session.status !== status) return false;
        if (created.gt !== undefined && !(session.created > created.gt)) return false;
        if (created.gte !== undefined && !(session.created >= created.gte)) return false;
        if (created.lt !== undefined && !(session.created < created.lt)) return false;
        if (created.lte !== undefined && !(session.created <= created.lte)) return false;
        if (paymentIntent !== undefined && session.payment_intent !== paymentIntent) return false;
        if (email !== undefined && session.customer_details?.email !== email) return false;
        return true;
      })
      .sort(newestFirst);
    const startingAfter = readString(params, "starting_after");
    const endingBefore = readString(params, "ending_before");
    let data: Stripe.Checkout.Session[];
    let hasMore: boolean;
    if (startingAfter !== undefined) {
      const cursor = sessionIn(scope, startingAfter, "starting_after");
      list = list.filter((session) => newestFirst(cursor, session) < 0);
      data = list.slice(0, limit);
      hasMore = list.length > limit;
    } else if (endingBefore !== undefined) {
      const cursor = sessionIn(scope, endingBefore, "ending_before");
      list = list.filter((session) => newestFirst(session, cursor) < 0);
      data = list.slice(Math.max(0, list.length - limit));
      hasMore = list.length > limit;
    } else {
      data = list.slice(0, limit);
      hasMore = list.length > limit;
    }
    const page = {
      object: "list",
      data: data.map((session) => clone(session)),
      has_more: hasMore,
      url: "/v1/checkout/sessions",
    };
    return expandObject(page, readExpand(params), scope);
  };

  function expireSession(scope: Scope, session: Stripe.Checkout.Session, context?: Context): void {
    const mutable = session as unknown as Record<string, unknown>;
    mutable.status = "expired";
    mutable.url = null;
    pendingPaymentIntents.delete(session.id);
    record(checkoutSessionExpired(clone(session), eventOptions(scope, context)));
  }

  const expireSessionHandler: Handler = (context) => {
    const { match, params, scope } = context;
    checkKeys(params, ["expand"]);
    const session = sessionIn(scope, decodeURIComponent(match[1] ?? ""), "session");
    if (session.status !== "open") {
      throw conflict(
        `Only Checkout Sessions with a status in ["open"] can be expired. This session has a status of "${session.status}".`,
        undefined,
        "checkout_session_not_expirable",
      );
    }
    expireSession(scope, session, context);
    return expandObject(clone(session), readExpand(params), scope);
  };

  /** Sessions whose `expires_at` has passed expire (and announce it) on the next look at the world. */
  function sweep(): void {
    const now = nowSeconds();
    for (const scope of scopes.values()) {
      for (const session of scope.sessions.values()) {
        if (session.status === "open" && session.expires_at <= now) expireSession(scope, session);
      }
    }
  }

  // --- payments ------------------------------------------------------------------------------

  function paymentMethodDetails(type: string): Record<string, unknown> {
    if (type === "card") {
      return {
        type,
        card: {
          brand: "visa",
          country: "US",
          exp_month: 12,
          exp_year: new Date().getUTCFullYear() + 3,
          fingerprint: stripeId("", 16),
          funding: "credit",
          last4: "4242",
          network: "visa",
          wallet: null,
        },
      };
    }
    if (type === "wechat_pay")
      return { type, wechat_pay: { fingerprint: stripeId("", 16), transaction_id: stripeId("", 28) } };
    if (type === "alipay") {
      return {
        type,
        alipay: { buyer_id: stripeId("", 16), fingerprint: stripeId("", 16), transaction_id: stripeId("", 28) },
      };
    }
    return { type, [type]: {} };
  }

  function completeSession(scope: Scope, session: Stripe.Checkout.Session, options: CompleteOptions): void {
    if (session.status !== "open") {
      throw new Error(`stripe-double: session ${session.id} is ${session.status}, it cannot be completed`);
    }
    const method = options.paymentMethod ?? session.payment_method_types[0] ?? "card";
    if (!session.payment_method_types.includes(method)) {
      throw new Error(
        `stripe-double: session ${session.id} does not accept ${method} (${session.payment_method_types.join(", ")})`,
      );
    }
    const plan = pendingPaymentIntents.get(session.id);
    pendingPaymentIntents.delete(session.id);
    const now = nowSeconds();
    const amount = options.amountTotal ?? session.amount_total ?? 0;
    const currency = session.currency ?? "usd";
    const email = options.email ?? session.customer_email ?? "buyer@example.com";
    const paymentIntentId = stripeId("pi_");
    const chargeId = stripeId("ch_");
    const paymentMethodId = stripeId("pm_");
    const pending = options.async === true;
    const fee = plan?.application_fee_amount ?? null;
    const charge = {
      id: chargeId,
      object: "charge",
      amount,
      amount_captured: pending ? 0 : amount,
      amount_refunded: 0,
      application: scope.account ? PLATFORM_APPLICATION : null,
      application_fee: fee !== null && !pending ? stripeId("fee_") : null,
      application_fee_amount: fee,
      balance_transaction: pending ? null : stripeId("txn_"),
      billing_details: { address: null, email, name: options.name ?? null, phone: null, tax_id: null },
      calculated_statement_descriptor: plan?.statement_descriptor ?? "STALL",
      captured: !pending,
      created: now,
      currency,
      customer: null,
      description: plan?.description ?? null,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: plan?.metadata ?? {},
      on_behalf_of: null,
      outcome: pending
        ? null
        : {
            network_status: "approved_by_network",
            reason: null,
            risk_level: "normal",
            risk_score: 20,
            seller_message: "Payment complete.",
            type: "authorized",
          },
      paid: !pending,
      payment_intent: paymentIntentId,
      payment_method: paymentMethodId,
      payment_method_details: paymentMethodDetails(method),
      receipt_email: plan?.receipt_email ?? null,
      receipt_number: null,
      receipt_url: `https://pay.stripe.com/receipts/payment/${stripeId("", 40)}`,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: plan?.statement_descriptor ?? null,
      statement_descriptor_suffix: plan?.statement_descriptor_suffix ?? null,
      status: pending ? "pending" : "succeeded",
      transfer_data: null,
      transfer_group: plan?.transfer_group ?? null,
    } as unknown as Stripe.Charge;
    const paymentIntent = {
      id: paymentIntentId,
      object: "payment_intent",
      allowed_payment_method_types: session.allowed_payment_method_types,
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: pending ? 0 : amount,
      application: scope.account ? PLATFORM_APPLICATION : null,
      application_fee_amount: fee,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: "automatic_async",
      client_secret: `${paymentIntentId}_secret_${stripeId("", 24)}`,
      confirmation_method: "automatic",
      created: now,
      currency,
      customer: null,
      customer_account: null,
      description: plan?.description ?? null,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: chargeId,
      livemode: false,
      managed_payments: null,
      metadata: plan?.metadata ?? {},
      next_action: null,
      on_behalf_of: null,
      payment_method: paymentMethodId,
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: [method],
      payment_record: null,
      processing: pending ? { type: method } : null,
      receipt_email: plan?.receipt_email ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: plan?.statement_descriptor ?? null,
      statement_descriptor_suffix: plan?.statement_descriptor_suffix ?? null,
      status: pending ? "processing" : "succeeded",
      transfer_data: null,
      transfer_group: plan?.transfer_group ?? null,
    } as unknown as Stripe.PaymentIntent;
    scope.charges.set(chargeId, charge);
    scope.paymentIntents.set(paymentIntentId, paymentIntent);
    const mutable = session as unknown as Record<string, unknown>;
    mutable.status = "complete";
    mutable.amount_total = amount;
    mutable.payment_status = pending ? "unpaid" : "paid";
    mutable.payment_intent = paymentIntentId;
    mutable.url = null;
    mutable.customer_details = {
      address: null,
      business_name: null,
      email,
      individual_name: null,
      name: options.name ?? null,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    };
    record(checkoutSessionCompleted(clone(session), eventOptions(scope)));
  }

  function settleAsync(scope: Scope, session: Stripe.Checkout.Session, succeeded: boolean): void {
    const paymentIntent = session.payment_intent ? scope.paymentIntents.get(String(session.payment_intent)) : undefined;
    if (
      session.status !== "complete" ||
      session.payment_status !== "unpaid" ||
      paymentIntent?.status !== "processing"
    ) {
      throw new Error(`stripe-double: session ${session.id} has no pending async payment`);
    }
    const charge = scope.charges.get(String(paymentIntent.latest_charge));
    const pi = paymentIntent as unknown as Record<string, unknown>;
    const ch = charge as unknown as Record<string, unknown>;
    pi.processing = null;
    if (succeeded) {
      pi.status = "succeeded";
      pi.amount_received = paymentIntent.amount;
      Object.assign(ch, {
        status: "succeeded",
        paid: true,
        captured: true,
        amount_captured: paymentIntent.amount,
        balance_transaction: stripeId("txn_"),
        application_fee: paymentIntent.application_fee_amount !== null ? stripeId("fee_") : null,
        outcome: {
          network_status: "approved_by_network",
          reason: null,
          risk_level: "normal",
          risk_score: 20,
          seller_message: "Payment complete.",
          type: "authorized",
        },
      });
      (session as unknown as Record<string, unknown>).payment_status = "paid";
      record(checkoutSessionAsyncPaymentSucceeded(clone(session), eventOptions(scope)));
    } else {
      pi.status = "requires_payment_method";
      pi.last_payment_error = {
        code: "payment_intent_payment_attempt_failed",
        message: "The payment failed.",
        type: "invalid_request_error",
        payment_method: { id: paymentIntent.payment_method, type: paymentIntent.payment_method_types[0] },
      };
      pi.payment_method = null;
      Object.assign(ch, {
        status: "failed",
        paid: false,
        captured: false,
        failure_code: "payment_intent_payment_attempt_failed",
        failure_message: "The payment failed.",
        outcome: {
          network_status: "declined_by_network",
          reason: "generic_decline",
          risk_level: "normal",
          seller_message: "The bank did not return any further details with this decline.",
          type: "issuer_declined",
        },
      });
      record(checkoutSessionAsyncPaymentFailed(clone(session), eventOptions(scope)));
    }
  }

  function refundCharge(
    scope: Scope,
    charge: Stripe.Charge,
    request: { amount?: number; reason?: string; metadata?: Record<string, string> },
    context?: Context,
  ): Stripe.Refund {
    if (charge.status !== "succeeded") {
      throw conflict(
        `This PaymentIntent (${String(charge.payment_intent)}) does not have a successful charge to refund.`,
        "payment_intent",
      );
    }
    const remaining = charge.amount_captured - charge.amount_refunded;
    if (remaining <= 0) {
      throw conflict(`Charge ${charge.id} has already been refunded.`, "charge", "charge_already_refunded");
    }
    const amount = request.amount ?? remaining;
    if (amount > remaining) {
      throw conflict(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
        "amount",
        "amount_too_large",
      );
    }
    const refund = {
      id: stripeId("re_"),
      object: "refund",
      amount,
      balance_transaction: stripeId("txn_"),
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      destination_details: null,
      metadata: request.metadata ?? {},
      payment_intent: charge.payment_intent,
      reason: request.reason ?? null,
      receipt_number: null,
      source_transfer_reversal: null,
      status: "succeeded",
      transfer_reversal: null,
    } as unknown as Stripe.Refund;
    scope.refunds.set(refund.id, refund);
    scope.sequence.set(refund.id, ++sequence);
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded };
    const mutable = charge as unknown as Record<string, unknown>;
    mutable.amount_refunded = charge.amount_refunded + amount;
    mutable.refunded = charge.amount_refunded === charge.amount_captured;
    const previousAttributes =
      previous.refunded === charge.refunded ? { amount_refunded: previous.amount_refunded } : previous;
    record(chargeRefunded(clone(charge), { ...eventOptions(scope, context), previousAttributes }));
    return refund;
  }

  const createRefundHandler: Handler = (context) => {
    const { params, scope } = context;
    checkKeys(params, [
      "amount",
      "charge",
      "currency",
      "customer",
      "expand",
      "instructions_email",
      "metadata",
      "origin",
      "payment_intent",
      "reason",
      "refund_application_fee",
      "reverse_transfer",
    ]);
    for (const key of ["currency", "customer", "instructions_email", "origin"]) {
      if (params[key] !== undefined) throw notModelled(key);
    }
    const paymentIntentId = readString(params, "payment_intent");
    const chargeId = readString(params, "charge");
    if (!paymentIntentId && !chargeId) {
      throw invalid(
        "One of the following params should be provided for this request: payment_intent or charge.",
        "payment_intent",
        "parameter_missing",
      );
    }
    const amount = readInt(params, "amount", "", { min: 1 });
    const reason = readEnum(params, "reason", ["duplicate", "fraudulent", "requested_by_customer"] as const);
    const metadata = readMetadata(params);
    readBool(params, "refund_application_fee");
    const reverseTransfer = readBool(params, "reverse_transfer");
    if (reverseTransfer) {
      throw invalid(
        "You cannot reverse a transfer for a charge that was not created with a destination (this is a direct charge).",
        "reverse_transfer",
      );
    }
    let charge: Stripe.Charge | undefined;
    if (paymentIntentId) {
      const paymentIntent = scope.paymentIntents.get(paymentIntentId);
      if (!paymentIntent) throw missing("payment_intent", paymentIntentId, "payment_intent", 400);
      charge = paymentIntent.latest_charge ? scope.charges.get(String(paymentIntent.latest_charge)) : undefined;
      if (!charge) {
        throw conflict(
          `This PaymentIntent (${paymentIntentId}) does not have a successful charge to refund.`,
          "payment_intent",
        );
      }
      if (chargeId && chargeId !== charge.id) {
        throw invalid(`The charge ${chargeId} does not belong to PaymentIntent ${paymentIntentId}.`, "charge");
      }
    } else if (chargeId) {
      charge = scope.charges.get(chargeId);
      if (!charge) throw missing("charge", chargeId, "charge", 400);
    }
    if (!charge) throw invalid("No charge to refund.", "payment_intent");
    const refund = refundCharge(
      scope,
      charge,
      { ...(amount === undefined ? {} : { amount }), ...(reason ? { reason } : {}), metadata },
      context,
    );
    return expandObject(clone(refund), readExpand(params), scope);
  };

  /** `GET /v1/refunds`: newest first, filtered by charge, PaymentIntent and `created`, paged by id. */
  const listRefundsHandler: Handler = ({ params, scope }) => {
    checkKeys(params, ["charge", "created", "ending_before", "expand", "limit", "payment_intent", "starting_after"]);
    const limit = readInt(params, "limit", "", { min: 1, max: 100 }) ?? 10;
    const created = readCreated(params);
    const chargeId = readString(params, "charge");
    const paymentIntent = readString(params, "payment_intent");
    const order = (id: string) => scope.sequence.get(id) ?? 0;
    const newestFirst = (a: Stripe.Refund, b: Stripe.Refund) => b.created - a.created || order(b.id) - order(a.id);
    const refundIn = (id: string, param: string) => {
      const found = scope.refunds.get(id);
      if (!found) throw missing("refund", id, param);
      return found;
    };
    let list = [...scope.refunds.values()]
      .filter((refund) => {
        if (chargeId !== undefined && refund.charge !== chargeId) return false;
        if (paymentIntent !== undefined && refund.payment_intent !== paymentIntent) return false;
        if (created.gt !== undefined && !(refund.created > created.gt)) return false;
        if (created.gte !== undefined && !(refund.created >= created.gte)) return false;
        if (created.lt !== undefined && !(refund.created < created.lt)) return false;
        if (created.lte !== undefined && !(refund.created <= created.lte)) return false;
        return true;
      })
      .sort(newestFirst);
    const startingAfter = readString(params, "starting_after");
    const endingBefore = readString(params, "ending_before");
    let data: Stripe.Refund[];
    if (startingAfter !== undefined) {
      const cursor = refundIn(startingAfter, "starting_after");
      list = list.filter((refund) => newestFirst(cursor, refund) < 0);
      data = list.slice(0, limit);
    } else if (endingBefore !== undefined) {
      const cursor = refundIn(endingBefore, "ending_before");
      list = list.filter((refund) => newestFirst(refund, cursor) < 0);
      data = list.slice(Math.max(0, list.length - limit));
    } else {
      data = list.slice(0, limit);
    }
    const page = {
      object: "list",
      data: data.map((refund) => clone(refund)),
      has_more: list.length > limit,
      url: "/v1/refunds",
    };
    return expandObject(page, readExpand(params), scope);
  };

  function retrieveFrom<T>(map: (scope: Scope) => Map<string, T>, kind: string, param: string): Handler {
    return ({ match, params, scope }) => {
      checkKeys(params, ["expand"]);
      const id = decodeURIComponent(match[1] ?? "");
      const object = map(scope).get(id);
      if (!object) throw missing(kind, id, param);
      return expandObject(clone(object) as Record<string, unknown>, readExpand(params), scope);
    };
  }

  // --- expansion -----------------------------------------------------------------------------

  function renderLineItem(item: Stripe.LineItem): Stripe.LineItem {
    return clone(item);
  }

  function lookup(scope: Scope, id: string): unknown {
    return scope.paymentIntents.get(id) ?? scope.charges.get(id) ?? scope.refunds.get(id) ?? scope.sessions.get(id);
  }

  function expandObject<T>(object: T, paths: string[], scope: Scope, prefix = ""): T {
    for (const path of paths) {
      const [head, ...rest] = path.split(".");
      if (!head) throw invalid(`This property cannot be expanded (${prefix}${path}).`, "expand");
      const target = object as Record<string, unknown>;
      if (head === "data" && target.object === "list" && Array.isArray(target.data)) {
        for (const item of target.data)
          expandObject(item, rest.length ? [rest.join(".")] : [], scope, `${prefix}data.`);
        continue;
      }
      if (head === "line_items" && target.object === "checkout.session") {
        const items = (scope.lineItems.get(String(target.id)) ?? []).map(renderLineItem);
        target.line_items = {
          object: "list",
          data: items,
          has_more: false,
          url: `/v1/checkout/sessions/${String(target.id)}/line_items`,
        };
        if (rest.length) expandObject(target.line_items, [rest.join(".")], scope, `${prefix}line_items.`);
        continue;
      }
      const value = target[head];
      const expandable = ["payment_intent", "latest_charge", "charge"].includes(head);
      if (!expandable || !(head in target)) {
        throw invalid(`This property cannot be expanded (${prefix}${head}).`, "expand");
      }
      if (typeof value === "string") {
        const found = lookup(scope, value);
        if (found) target[head] = clone(found);
      }
      if (rest.length && target[head] && typeof target[head] === "object") {
        expandObject(target[head], [rest.join(".")], scope, `${prefix}${head}.`);
      }
    }
    return object;
  }

  // --- HTTP ----------------------------------------------------------------------------------

  const routes: [string, RegExp, Handler][] = [
    ["POST", /^\/v1\/accounts$/, createAccountHandler],
    ["GET", /^\/v1\/accounts\/([^/]+)$/, retrieveAccountHandler],
    ["POST", /^\/v1\/account_links$/, createAccountLinkHandler],
    ["POST", /^\/v1\/checkout\/sessions$/, createSessionHandler],
    ["GET", /^\/v1\/checkout\/sessions$/, listSessionsHandler],
    ["GET", /^\/v1\/checkout\/sessions\/([^/]+)$/, retrieveSessionHandler],
    ["GET", /^\/v1\/checkout\/sessions\/([^/]+)\/line_items$/, listLineItemsHandler],
    ["POST", /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/, expireSessionHandler],
    ["POST", /^\/v1\/refunds$/, createRefundHandler],
    ["GET", /^\/v1\/refunds$/, listRefundsHandler],
    ["GET", /^\/v1\/refunds\/([^/]+)$/, retrieveFrom((scope) => scope.refunds, "refund", "id")],
    [
      "GET",
      /^\/v1\/payment_intents\/([^/]+)$/,
      retrieveFrom((scope) => scope.paymentIntents, "payment_intent", "intent"),
    ],
    ["GET", /^\/v1\/charges\/([^/]+)$/, retrieveFrom((scope) => scope.charges, "charge", "id")],
  ];

  function authenticate(header: string | undefined): string {
    let key: string | undefined;
    if (header?.startsWith("Bearer ")) key = header.slice(7).trim();
    else if (header?.startsWith("Basic ")) {
      key = Buffer.from(header.slice(6).trim(), "base64").toString("utf8").split(":")[0];
    }
    if (!key) {
      throw new ApiError(401, {
        type: "invalid_request_error",
        message:
          "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      });
    }
    const valid = options.apiKey ? key === options.apiKey : /^(sk|rk)_test_[A-Za-z0-9_]+$/.test(key);
    if (!valid) {
      throw new ApiError(401, { type: "invalid_request_error", message: `Invalid API Key provided: ${redact(key)}` });
    }
    return key;
  }

  function dispatch(
    method: string,
    path: string,
    headers: Record<string, string>,
    requestId: string,
    entry: RecordedRequest,
  ): { status: number; body: unknown; replayed: boolean } {
    const key = authenticate(headers.authorization);
    const route = routes.find(([routeMethod, pattern]) => routeMethod === method && pattern.test(path));
    if (!route) {
      throw new ApiError(404, {
        type: "invalid_request_error",
        message: `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      });
    }
    const params = method === "GET" || method === "DELETE" ? entry.query : entry.body;
    const accountId = headers["stripe-account"] ?? null;
    if (accountId !== null && !accounts.has(accountId)) throw accountInvalid(accountId, key);
    const scope = scopeFor(accountId);
    sweep();

    const idempotencyKey = method === "POST" ? (headers["idempotency-key"] ?? null) : null;
    const context: Context = {
      method,
      path,
      match: route[1].exec(path) as RegExpExecArray,
      params,
      scope,
      key,
      version: headers["stripe-version"] ?? null,
      requestId,
      idempotencyKey,
    };
    if (idempotencyKey !== null) {
      if (idempotencyKey.length > 255) {
        throw invalid("Idempotency keys may be at most 255 characters long.", "idempotency_key");
      }
      const fingerprint = `${method} ${path} ${canonical(params)}`;
      const stored = scope.idempotency.get(idempotencyKey);
      if (stored && stored.createdAt > nowSeconds() - 24 * 3600) {
        if (stored.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        return { status: stored.status, body: clone(stored.body), replayed: true };
      }
      try {
        const body = route[2](context);
        scope.idempotency.set(idempotencyKey, { fingerprint, status: 200, body: clone(body), createdAt: nowSeconds() });
        return { status: 200, body, replayed: false };
      } catch (error) {
        if (error instanceof ApiError && error.saved) {
          const body = { error: error.body };
          scope.idempotency.set(idempotencyKey, { fingerprint, status: error.status, body, createdAt: nowSeconds() });
        }
        throw error;
      }
    }
    return { status: 200, body: route[2](context), replayed: false };
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const rawBody = await readBody(request);
    const url = request.url ?? "/";
    const queryIndex = url.indexOf("?");
    const path = queryIndex === -1 ? url : url.slice(0, queryIndex);
    const rawQuery = queryIndex === -1 ? "" : url.slice(queryIndex + 1);
    const method = (request.method ?? "GET").toUpperCase();
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(", ") : value;
    }
    const entry: RecordedRequest = {
      method,
      path,
      query: {},
      headers,
      stripeAccount: headers["stripe-account"] ?? null,
      idempotencyKey: headers["idempotency-key"] ?? null,
      stripeVersion: headers["stripe-version"] ?? null,
      body: {},
      rawBody,
      status: 0,
      replayed: false,
      response: null,
    };
    requests.push(entry);
    let status: number;
    let body: unknown;
    let replayed = false;
    const requestId = stripeId("req_", 14);
    try {
      entry.query = parseForm(rawQuery);
      entry.body = parseForm(rawBody);
      ({ status, body, replayed } = dispatch(method, path, headers, requestId, entry));
    } catch (error) {
      if (error instanceof ApiError) {
        status = error.status;
        body = { error: error.body };
      } else {
        status = 500;
        body = {
          error: {
            type: "api_error",
            message: `stripe-double internal error: ${error instanceof Error ? error.message : String(error)}`,
          },
        };
      }
    }
    entry.status = status;
    entry.replayed = replayed;
    entry.response = body;
    const responseHeaders: Record<string, string> = {
      "content-type": "application/json",
      "request-id": requestId,
      "stripe-version": headers["stripe-version"] ?? "2026-10-28.endive",
    };
    if (entry.stripeAccount) responseHeaders["stripe-account"] = entry.stripeAccount;
    if (method === "POST" && entry.idempotencyKey) responseHeaders["idempotency-key"] = entry.idempotencyKey;
    if (replayed) responseHeaders["idempotent-replayed"] = "true";
    response.writeHead(status, responseHeaders);
    response.end(JSON.stringify(body, null, 2));
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { type: "api_error", message: "stripe-double: request failed" } }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  // --- test controls -------------------------------------------------------------------------

  function findSession(id: string): { scope: Scope; session: Stripe.Checkout.Session } {
    sweep();
    const scope = locate(id);
    const session = scope?.sessions.get(id);
    if (!scope || !session) throw new Error(`stripe-double: no checkout session ${id}`);
    return { scope, session };
  }

  function findCharge(id: string): { scope: Scope; charge: Stripe.Charge } {
    const scope = locate(id);
    if (!scope) throw new Error(`stripe-double: no session, payment intent or charge ${id}`);
    let chargeId: string | undefined = id;
    const session = scope.sessions.get(id);
    if (session) {
      const paymentIntent = session.payment_intent
        ? scope.paymentIntents.get(String(session.payment_intent))
        : undefined;
      chargeId = paymentIntent?.latest_charge ? String(paymentIntent.latest_charge) : undefined;
    }
    const paymentIntent = scope.paymentIntents.get(id);
    if (paymentIntent) chargeId = paymentIntent.latest_charge ? String(paymentIntent.latest_charge) : undefined;
    const charge = chargeId ? scope.charges.get(chargeId) : undefined;
    if (!charge) throw new Error(`stripe-double: ${id} has no charge (not paid yet?)`);
    return { scope, charge };
  }

  const double: StripeDouble = {
    url: `http://127.0.0.1:${port}`,
    port,
    sdkConfig: { host: "127.0.0.1", port, protocol: "http", maxNetworkRetries: 0, telemetry: false },
    requests,
    events,
    lastEvent(type) {
      sweep();
      const found = [...events].reverse().find((event) => type === undefined || event.type === type);
      if (!found) throw new Error(`stripe-double: no ${type ?? ""} event recorded`);
      return clone(found);
    },
    complete(sessionId, completeOptions = {}) {
      const { scope, session } = findSession(sessionId);
      completeSession(scope, session, completeOptions);
      return clone(session);
    },
    succeedAsync(sessionId) {
      const { scope, session } = findSession(sessionId);
      settleAsync(scope, session, true);
      return clone(session);
    },
    failAsync(sessionId) {
      const { scope, session } = findSession(sessionId);
      settleAsync(scope, session, false);
      return clone(session);
    },
    expire(sessionId) {
      const { scope, session } = findSession(sessionId);
      if (session.status !== "open") throw new Error(`stripe-double: session ${sessionId} is ${session.status}`);
      expireSession(scope, session);
      return clone(session);
    },
    refund(id, refundOptions = {}) {
      const { scope, charge } = findCharge(id);
      let refund: Stripe.Refund;
      try {
        refund = refundCharge(scope, charge, {
          ...(refundOptions.amount === undefined ? {} : { amount: refundOptions.amount }),
          ...(refundOptions.reason ? { reason: refundOptions.reason } : {}),
        });
      } catch (error) {
        throw error instanceof ApiError ? new Error(`stripe-double: ${error.message}`) : error;
      }
      return { refund: clone(refund), charge: clone(charge) };
    },
    createAccount(params = {}) {
      return clone(
        makeAccount({
          type: params.type ?? "standard",
          country: params.country ?? "US",
          email: params.email ?? null,
        }),
      );
    },
    setAccount(id, patch) {
      return patchAccount(id, patch);
    },
    onboard(id) {
      return patchAccount(id, { charges_enabled: true, details_submitted: true, payouts_enabled: true });
    },
    account(id) {
      return clone(getAccount(id));
    },
    session(id) {
      return clone(findSession(id).session);
    },
    paymentIntent(id) {
      const found = locate(id)?.paymentIntents.get(id);
      if (!found) throw new Error(`stripe-double: no payment intent ${id}`);
      return clone(found);
    },
    charge(id) {
      const found = locate(id)?.charges.get(id);
      if (!found) throw new Error(`stripe-double: no charge ${id}`);
      return clone(found);
    },
    chargeOf(id) {
      return clone(findCharge(id).charge);
    },
    accountOf(id) {
      if (accounts.has(id)) return id;
      const scope = locate(id);
      if (!scope) throw new Error(`stripe-double: no object ${id}`);
      return scope.account;
    },
    now: nowSeconds,
    advance(seconds) {
      offsetMs += seconds * 1000;
    },
    reset() {
      accounts.clear();
      scopes.clear();
      pendingPaymentIntents.clear();
      requests.length = 0;
      events.length = 0;
      offsetMs = 0;
      sequence = 0;
      platform();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
  platform();
  return double;
}
