import { z } from "zod";
import { AGE_BANDS } from "../constants.ts";
import { Email, Locale, Password, PersonName } from "./common.ts";

/** Optional, stated by the owner; null (or absent) is "prefer not to say". */
export const AgeBandInput = z.enum(AGE_BANDS).nullable();

export const SignupInput = z
  .object({
    email: Email,
    password: Password,
    name: PersonName,
    locale: Locale.optional(),
    ageBand: AgeBandInput.optional(),
  })
  .strict();
export type SignupInput = z.infer<typeof SignupInput>;

export const LoginInput = z.object({ email: Email, password: z.string().min(1).max(200) }).strict();
export type LoginInput = z.infer<typeof LoginInput>;

export const PasswordResetRequestInput = z.object({ email: Email }).strict();
export type PasswordResetRequestInput = z.infer<typeof PasswordResetRequestInput>;

export const PasswordResetConfirmInput = z.object({ token: z.string().min(20).max(200), password: Password }).strict();
export type PasswordResetConfirmInput = z.infer<typeof PasswordResetConfirmInput>;

export const ChangePasswordInput = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword: Password })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordInput>;

export const UpdateMeInput = z.object({ name: PersonName, locale: Locale, ageBand: AgeBandInput }).partial().strict();
export type UpdateMeInput = z.infer<typeof UpdateMeInput>;
