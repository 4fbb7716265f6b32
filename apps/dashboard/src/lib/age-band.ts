// The optional age-band question (sign-up and the account page): "prefer not to say" is the default and
// is sent as null.
import { AGE_BANDS, type AgeBand } from "@stall/domain";

export const AGE_BAND_CHOICES = ["none", ...AGE_BANDS] as const;

/** The posted choice as the API takes it: a band, or null for "prefer not to say" (and anything unknown). */
export function ageBandOf(value: string): AgeBand | null {
  return (AGE_BANDS as readonly string[]).includes(value) ? (value as AgeBand) : null;
}
