import { platform } from "@stall/db";
import { DomainError } from "@stall/domain";
import type { Deps } from "../../deps.ts";

/**
 * What the invitation page (`/join/{code}`) says before anyone signs up: the programme's name and
 * description, and whether it still takes shops. Nothing else about the programme or its shops.
 */
export async function getCohortInvitation(deps: Deps, options: { code: string }) {
  const cohort = await platform(deps.database.db).cohorts.findByInviteCode(options.code);
  if (!cohort) throw new DomainError("not_found", "This invitation link is not known; ask the programme for a new one");
  return { name: cohort.name, description: cohort.description, isOpen: cohort.archivedAt === null };
}
