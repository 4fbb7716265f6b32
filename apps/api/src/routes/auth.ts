import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import {
  ChangePasswordInput,
  ConfirmPasswordInput,
  LoginInput,
  MEMBERSHIP_ROLES,
  PasswordResetConfirmInput,
  PasswordResetRequestInput,
  SignupInput,
  UpdateMeInput,
} from "@stall/domain";
import type { Context } from "hono";
import type { Deps } from "../deps.ts";
import type { AppEnv } from "../http/app-env.ts";
import { requestIp } from "../http/client-ip.ts";
import { changePassword } from "../use-cases/auth/change-password.ts";
import { confirmPassword } from "../use-cases/auth/confirm-password.ts";
import { confirmPasswordReset } from "../use-cases/auth/confirm-password-reset.ts";
import { getMe } from "../use-cases/auth/get-me.ts";
import { logIn } from "../use-cases/auth/log-in.ts";
import { logOut } from "../use-cases/auth/log-out.ts";
import { requestPasswordReset } from "../use-cases/auth/request-password-reset.ts";
import { signUp } from "../use-cases/auth/sign-up.ts";
import { updateMe } from "../use-cases/auth/update-me.ts";
import { authErrors, bearer, errorResponse, jsonBody, jsonResponse, User } from "./common.ts";

const Session = z.object({ user: User, token: z.string() }).openapi("Session");
const Me = z
  .object({
    user: User,
    memberships: z.array(
      z.object({ shopId: z.string(), role: z.enum(MEMBERSHIP_ROLES), permissions: z.array(z.string()) }),
    ),
  })
  .openapi("Me");

const signupRoute = createRoute({
  operationId: "signUp",
  method: "post",
  path: "/v1/auth/signup",
  tags: ["Accounts"],
  summary: "Create an account",
  description: "Creates an account and returns a session token. Passwords need 8 or more characters.",
  request: jsonBody(SignupInput),
  responses: {
    201: jsonResponse(Session, "Signed up and signed in"),
    409: errorResponse("That email already has an account"),
    422: authErrors[422],
    429: errorResponse("Too many attempts from this address or for this email; see Retry-After"),
  },
});

const loginRoute = createRoute({
  operationId: "logIn",
  method: "post",
  path: "/v1/auth/login",
  tags: ["Accounts"],
  summary: "Sign in",
  description:
    "Returns a session token. After 5 wrong passwords for one account (or many from one address) within 15 minutes, sign-in is paused for 15 minutes: 429 with Retry-After.",
  request: jsonBody(LoginInput),
  responses: {
    200: jsonResponse(Session, "Signed in"),
    401: errorResponse("Email and password do not match"),
    422: authErrors[422],
    429: errorResponse("Too many wrong passwords; see Retry-After"),
  },
});

const logoutRoute = createRoute({
  operationId: "logOut",
  method: "post",
  path: "/v1/auth/logout",
  tags: ["Accounts"],
  summary: "Sign out",
  security: bearer,
  responses: { 204: { description: "Signed out; the token no longer works" }, ...authErrors },
});

const resetRequestRoute = createRoute({
  operationId: "requestPasswordReset",
  method: "post",
  path: "/v1/auth/password-reset",
  tags: ["Accounts"],
  summary: "Email a password reset link",
  description:
    "Always answers 202, whether or not the email has an account. Limited per address (10 in 15 minutes) and per email (3 an hour, counted whether or not it has an account): 429 with Retry-After, and nothing is sent.",
  request: jsonBody(PasswordResetRequestInput),
  responses: {
    202: { description: "If the account exists, a link is on its way" },
    422: authErrors[422],
    429: errorResponse("Too many reset emails asked for from this address or for this email; see Retry-After"),
  },
});

const resetConfirmRoute = createRoute({
  operationId: "confirmPasswordReset",
  method: "post",
  path: "/v1/auth/password-reset/confirm",
  tags: ["Accounts"],
  summary: "Set a new password from a reset link",
  description:
    "The token works once, for one hour; using it (or changing the password) uses up every other reset link of the account. Every session of the account is signed out, and a new one is started for the person who followed the link. Attempts are limited per address and per account (429 with Retry-After).",
  request: jsonBody(PasswordResetConfirmInput),
  responses: {
    200: jsonResponse(Session, "Password changed and signed in"),
    410: errorResponse("The link expired or was used"),
    422: authErrors[422],
    429: errorResponse("Too many attempts from this address or for this account; see Retry-After"),
  },
});

const meRoute = createRoute({
  operationId: "getMe",
  method: "get",
  path: "/v1/me",
  tags: ["Accounts"],
  summary: "Who am I",
  security: bearer,
  responses: { 200: jsonResponse(Me, "The user and their shops"), ...authErrors },
});

const updateMeRoute = createRoute({
  operationId: "updateMe",
  method: "patch",
  path: "/v1/me",
  tags: ["Accounts"],
  summary: "Change my name or language",
  security: bearer,
  request: jsonBody(UpdateMeInput),
  responses: { 200: jsonResponse(User, "Updated"), ...authErrors },
});

const changePasswordRoute = createRoute({
  operationId: "changePassword",
  method: "post",
  path: "/v1/me/password",
  tags: ["Accounts"],
  summary: "Change my password",
  description: "Needs the current password. Every other session is signed out.",
  security: bearer,
  request: jsonBody(ChangePasswordInput),
  responses: {
    204: { description: "Changed" },
    ...authErrors,
    429: errorResponse("Too many attempts for this account or from this address; see Retry-After"),
  },
});

const confirmRoute = createRoute({
  operationId: "confirmPassword",
  method: "post",
  path: "/v1/auth/confirm",
  tags: ["Accounts"],
  summary: "Enter the password again on this session",
  description:
    "Operators' actions need the password entered in the last 15 minutes: this records it for the signed-in session. Wrong passwords count toward the same limits as sign-in (429 with Retry-After).",
  security: bearer,
  request: jsonBody(ConfirmPasswordInput),
  responses: {
    200: jsonResponse(z.object({ confirmedAt: z.number().int() }), "Confirmed"),
    ...authErrors,
    429: errorResponse("Too many wrong passwords; see Retry-After"),
  },
});

function sessionContext(deps: Deps, c: Context<AppEnv>) {
  return { ip: requestIp(deps, c), userAgent: c.req.header("User-Agent") };
}

export function authRoutes(deps: Deps) {
  return new OpenAPIHono<AppEnv>()
    .openapi(signupRoute, async (c) => {
      const result = await signUp(deps, { input: c.req.valid("json"), context: sessionContext(deps, c) });
      return c.json(result, 201);
    })
    .openapi(loginRoute, async (c) => {
      const result = await logIn(deps, { input: c.req.valid("json"), context: sessionContext(deps, c) });
      return c.json(result, 200);
    })
    .openapi(logoutRoute, async (c) => {
      await logOut(deps, { sessionId: c.get("sessionId") });
      return c.body(null, 204);
    })
    .openapi(confirmRoute, async (c) => {
      const result = await confirmPassword(deps, {
        user: c.get("user"),
        sessionId: c.get("sessionId"),
        ip: requestIp(deps, c),
        input: c.req.valid("json"),
      });
      return c.json(result, 200);
    })
    .openapi(resetRequestRoute, async (c) => {
      await requestPasswordReset(deps, { input: c.req.valid("json"), context: sessionContext(deps, c) });
      return c.body(null, 202);
    })
    .openapi(resetConfirmRoute, async (c) => {
      const result = await confirmPasswordReset(deps, { input: c.req.valid("json"), context: sessionContext(deps, c) });
      return c.json(result, 200);
    })
    .openapi(meRoute, async (c) => c.json(await getMe(deps, { user: c.get("user") }), 200))
    .openapi(updateMeRoute, async (c) =>
      c.json(await updateMe(deps, { userId: c.get("user").id, input: c.req.valid("json") }), 200),
    )
    .openapi(changePasswordRoute, async (c) => {
      await changePassword(deps, {
        userId: c.get("user").id,
        sessionId: c.get("sessionId"),
        input: c.req.valid("json"),
        context: sessionContext(deps, c),
      });
      return c.body(null, 204);
    });
}
