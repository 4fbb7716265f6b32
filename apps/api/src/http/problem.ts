import { isDatabaseBusy, isDatabaseUnreachable, isShopMoving } from "@stall/db";
import { DomainError, ERROR_TITLE, type ErrorCode, type FieldError } from "@stall/domain";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ZodError } from "zod";
import { shopMovingError } from "../pods/shop-db.ts";
import type { Logger } from "./logger.ts";

/** The body of every error response (RFC 9457 problem details). */
export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId?: string;
  errors?: FieldError[];
} & Record<string, unknown>;

export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join(".") || "(body)",
    message: issue.code === "unrecognized_keys" ? `Unknown field(s): ${issue.keys.join(", ")}` : issue.message,
  }));
}

export function validationError(error: ZodError, where = "request"): DomainError {
  const errors = fieldErrors(error);
  const first = errors[0];
  const summary = first ? `${first.path}: ${first.message}` : "invalid input";
  return new DomainError("validation_failed", `The ${where} has ${errors.length} problem(s); first: ${summary}`, {
    errors,
  });
}

export function problemResponse(c: Context, error: DomainError): Response {
  const body: Problem = {
    // Details first: a detail named like a standard field (an order's `status`) must not replace it.
    ...(error.details ?? {}),
    type: `https://stall.dev/problems/${error.code.replaceAll("_", "-")}`,
    title: ERROR_TITLE[error.code],
    status: error.status,
    detail: error.message,
    code: error.code,
    ...(error.errors ? { errors: error.errors } : {}),
  };
  const requestId = c.get("requestId" as never) as string | undefined;
  if (requestId) body.requestId = requestId;
  const retryAfter = error.details?.retryAfterSeconds;
  return c.body(JSON.stringify(body), error.status as ContentfulStatusCode, {
    "content-type": "application/problem+json; charset=utf-8",
    ...(typeof retryAfter === "number" ? { "Retry-After": String(retryAfter) } : {}),
  });
}

const HTTP_CODES: Partial<Record<number, ErrorCode>> = {
  400: "bad_request",
  401: "unauthenticated",
  403: "forbidden",
  404: "not_found",
  405: "method_not_allowed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  429: "too_many_requests",
  503: "service_unavailable",
};

/** What a client is told to wait when the database was busy: a lock is held for milliseconds to seconds. */
const DATABASE_BUSY_RETRY_SECONDS = 2;

/** Turns anything thrown into a DomainError; unknown errors become a masked 500. */
export function toDomainError(error: unknown): { error: DomainError; isUnexpected: boolean } {
  if (error instanceof DomainError) return { error, isUnexpected: false };
  if (error instanceof HTTPException) {
    const code = HTTP_CODES[error.status] ?? "bad_request";
    // The route validator's bare "Unsupported Media Type": a body of another type, or one with no type.
    if (error.status === 415) {
      return {
        error: new DomainError(
          "unsupported_media_type",
          "The body's Content-Type is not one this route takes: send it as application/json (the API reference lists each route's types)",
        ),
        isUnexpected: false,
      };
    }
    const isJson = /JSON/i.test(error.message);
    return {
      error: new DomainError(
        isJson ? "invalid_json" : code,
        isJson ? "The body is not valid JSON; check quotes and commas" : error.message || ERROR_TITLE[code],
      ),
      isUnexpected: false,
    };
  }
  if (isShopMoving(error)) {
    // A pod fence refused the write (decision 040): the whole batch was rolled back.
    return { error: shopMovingError(error), isUnexpected: false };
  }
  if (isDatabaseBusy(error)) {
    // Another writer held the lock past the busy timeout: a moment later the same request works.
    return {
      error: new DomainError(
        "service_unavailable",
        "The database is busy with other changes right now; please try again in a moment.",
        { details: { retryAfterSeconds: DATABASE_BUSY_RETRY_SECONDS }, cause: error },
      ),
      isUnexpected: false,
    };
  }
  if (isDatabaseUnreachable(error)) {
    // sqld restarting or a network blip (decision 041): nothing was written that the buyer was told of.
    return {
      error: new DomainError(
        "service_unavailable",
        "The database cannot be reached right now; please try again in a moment.",
        { details: { retryAfterSeconds: DATABASE_BUSY_RETRY_SECONDS }, cause: error },
      ),
      isUnexpected: false,
    };
  }
  return {
    error: new DomainError("internal", "Something went wrong on our side. It has been logged; please try again."),
    isUnexpected: true,
  };
}

/** The one place an error becomes a response. */
export function createErrorHandler(logger: Logger) {
  return (error: unknown, c: Context) => {
    const { error: domainError, isUnexpected } = toDomainError(error);
    if (domainError.code === "service_unavailable" && isDatabaseBusy(error)) {
      // Worth seeing in the logs (a long write somewhere), but not an error of ours.
      logger.log("warn", "database busy", {
        requestId: c.get("requestId" as never),
        method: c.req.method,
        path: c.req.path,
      });
    }
    if (domainError.code === "service_unavailable" && isDatabaseUnreachable(error)) {
      // Not a bug of ours, but the operator must see it: the database is down or out of reach.
      logger.log("error", "database unreachable", {
        requestId: c.get("requestId" as never),
        method: c.req.method,
        path: c.req.path,
      });
    }
    if (isUnexpected) {
      logger.log("error", "unhandled error", {
        requestId: c.get("requestId" as never),
        method: c.req.method,
        path: c.req.path,
        error:
          error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
      });
    }
    return problemResponse(c, domainError);
  };
}
