import { z } from "zod";
import { LongText, SingleLineText } from "./common.ts";

export const CreateCohortInput = z
  .object({
    name: SingleLineText().min(1, "Name the programme, like Riverside market 2026").max(120),
    /** Shown to people who open the invitation link: who runs it and what it offers. */
    description: LongText(2000).optional(),
  })
  .strict();
export type CreateCohortInput = z.infer<typeof CreateCohortInput>;

export const UpdateCohortInput = z
  .object({ name: SingleLineText().min(1).max(120), description: LongText(2000) })
  .partial()
  .strict();
export type UpdateCohortInput = z.infer<typeof UpdateCohortInput>;
