import { randomBytes } from "node:crypto";
import { platform } from "@stall/db";
import type { CreateCohortInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import { auditCohort, type OperatorActor, toCohort } from "./cohort-views.ts";

/** Starts a programme with a fresh invitation code (the secret part of its `/join/{code}` link). */
export async function createCohort(deps: Deps, options: { actor: OperatorActor; input: CreateCohortInput }) {
  const cohort = await platform(deps.database.db).cohorts.create({
    id: deps.newId("cohort"),
    name: options.input.name,
    description: options.input.description ?? "",
    // 96 random bits: a link cannot be guessed, and it only lets a new shop join.
    inviteCode: randomBytes(12).toString("base64url"),
    createdBy: options.actor.user.id,
    createdAt: deps.clock.now(),
  });
  await auditCohort(deps, options.actor, "cohort.create", cohort.id, { name: cohort.name });
  return toCohort(deps, cohort, 0);
}
