/**
 * The closed list of error codes and the HTTP status each maps to. A code, once shipped, never
 * changes meaning; add new ones at the end of their group.
 */
export const ERROR_STATUS = {
  validation_failed: 422,
  invalid_json: 400,
  bad_request: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  recent_sign_in_required: 403,
  not_found: 404,
  shop_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  slug_taken: 409,
  email_taken: 409,
  insufficient_stock: 409,
  idempotency_conflict: 409,
  invalid_state_transition: 409,
  shop_paused: 409,
  plan_limit_reached: 409,
  gone: 410,
  precondition_failed: 412,
  too_many_requests: 429,
  quota_exceeded: 429,
  rate_limited: 429,
  shop_unavailable: 503,
  service_unavailable: 503,
  shop_busy: 503,
  payment_provider_error: 502,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One field that failed validation, addressed by its path in the input. */
export type FieldError = { path: string; message: string };

/** The one error type the domain and use-cases throw; `app.onError` turns it into problem+json. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors: FieldError[] | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    extra: { errors?: FieldError[]; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, extra.cause === undefined ? undefined : { cause: extra.cause });
    this.name = "DomainError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = extra.errors;
    this.details = extra.details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Human titles for problem+json; `detail` carries the specific message. */
export const ERROR_TITLE: Record<ErrorCode, string> = {
  validation_failed: "Some fields need attention",
  invalid_json: "The request body is not valid JSON",
  bad_request: "Bad request",
  payload_too_large: "The request is too large",
  unsupported_media_type: "Unsupported content type",
  unauthenticated: "Sign in needed",
  invalid_credentials: "Email or password is wrong",
  forbidden: "Not allowed",
  recent_sign_in_required: "Enter your password again",
  not_found: "Not found",
  shop_not_found: "Shop not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  slug_taken: "That address is taken",
  email_taken: "That email already has an account",
  insufficient_stock: "Not enough stock",
  idempotency_conflict: "Idempotency key reused with a different request",
  invalid_state_transition: "That step is not possible now",
  shop_paused: "The shop is not taking orders just now",
  plan_limit_reached: "Plan limit reached",
  gone: "Gone",
  precondition_failed: "The resource changed",
  too_many_requests: "Too many attempts",
  quota_exceeded: "Plan limit reached",
  rate_limited: "Too many requests; slow down",
  shop_unavailable: "Shop temporarily closed",
  service_unavailable: "Service unavailable",
  shop_busy: "This shop is busy right now",
  payment_provider_error: "The payment provider did not answer",
  internal: "Something went wrong on our side",
};
