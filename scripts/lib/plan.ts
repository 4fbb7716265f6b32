// What a plan script (scripts/start-plan.ts, scripts/start-cluster-plan.ts) tells the supervisor
// (scripts/start.cjs), the environment every app process shares, and the IPC hand-over (decision 034).
import { randomBytes } from "node:crypto";
import type { Env } from "@stall/api/env";
import { EnvError } from "@stall/api/env";
import { appProcessEnv } from "./app-node-options.ts";

export type Service = {
  name: string;
  /** An executable and its arguments: `process.execPath` and an entry file for the apps. */
  command: string;
  args: string[];
  /** Answers 200 once the service is ready. */
  healthUrl: string;
  env: Record<string, string>;
  /** What stops it cleanly (default SIGTERM; nginx finishes its requests on SIGQUIT). */
  stopSignal?: "SIGTERM" | "SIGQUIT";
  /** Kept out of the terminal's Ctrl-C, so the supervisor stops it after the apps (the database). */
  isOwnProcessGroup?: boolean;
};

/** What the supervisor needs: plain data, sent over the IPC channel. */
export type StartPlan = {
  services: Service[];
  shutdownTimeoutMs: number;
  /** Printed once every service, of this plan and the ones before it, answers its health URL. */
  readyLines: string[];
  /** The plan script (and arguments) to ask next, once these services answer. */
  next?: string[];
  /** Start a service that crashes after it has answered again, instead of stopping everything. */
  restartOnCrash?: boolean;
};

/** An app process: Node with the V8 settings of decision 036. */
export function nodeService(name: string, entry: string, healthUrl: string, env: Record<string, string>): Service {
  return { name, command: process.execPath, args: [entry], healthUrl, env };
}

/** The environment every app process gets (API, storefront, dashboard), from the parsed configuration. */
export function sharedAppEnv(env: Env): Record<string, string> {
  return {
    DATABASE_URL: env.DATABASE_URL,
    ...(env.DATABASE_AUTH_TOKEN ? { DATABASE_AUTH_TOKEN: env.DATABASE_AUTH_TOKEN } : {}),
    DATA_DIR: env.dataDir,
    STOREFRONT_ROOT_DOMAIN: env.STOREFRONT_ROOT_DOMAIN,
    PUBLIC_API_URL: env.PUBLIC_API_URL,
    PUBLIC_DASHBOARD_URL: env.PUBLIC_DASHBOARD_URL,
    API_PORT: String(env.API_PORT),
    STOREFRONT_PORT: String(env.STOREFRONT_PORT),
    SHUTDOWN_TIMEOUT_MS: String(env.SHUTDOWN_TIMEOUT_MS),
    DASHBOARD_PORT: String(env.DASHBOARD_PORT),
    API_URL: `http://127.0.0.1:${env.API_PORT}`,
    ASTRO_TELEMETRY_DISABLED: "1",
    // Lets the API believe the address the storefront and the dashboard forward (decision 014); new each
    // start is fine.
    STOREFRONT_SECRET: env.STOREFRONT_SECRET ?? randomBytes(32).toString("hex"),
    ...appProcessEnv(process.env),
  };
}

/** Runs `plan` and sends the result to the supervisor; a configuration problem is printed as its message. */
export async function sendPlan(script: string, plan: () => Promise<StartPlan>): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) throw new Error(`${script} is started by scripts/start.cjs (npm start)`);
  try {
    const result = await plan();
    send(result, () => process.disconnect());
  } catch (error) {
    // A configuration problem is the owner's to fix: its message, not a stack trace.
    process.stderr.write(
      `${error instanceof EnvError || !(error instanceof Error) ? String(error instanceof Error ? error.message : error) : (error.stack ?? error.message)}\n`,
    );
    process.exitCode = 1;
    process.disconnect();
  }
}
