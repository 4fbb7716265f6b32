// Plain words for a photo an import could not bring in: why (from the API's code, so it reads in the
// owner's language) and what they can do about it.
import type { components } from "@stall/api-client";
import type { DashboardMessages } from "@stall/i18n/dashboard";

type PhotoFailure = components["schemas"]["PhotoImport"]["failures"][number]["failure"];

/** What to do, by reason: fix the address, put it somewhere public, wait, shrink it, make room, or the phone. */
const ADVICE: Record<PhotoFailure, keyof DashboardMessages> = {
  bad_url: "photoDo_address",
  no_such_host: "photoDo_address",
  http_status: "photoDo_address",
  not_an_image: "photoDo_address",
  too_many_redirects: "photoDo_address",
  not_allowed_address: "photoDo_private",
  timeout: "photoDo_later",
  network: "photoDo_later",
  gave_up: "photoDo_later",
  too_large: "photoDo_smaller",
  photo_refused: "photoDo_smaller",
  storage_full: "photoDo_room",
  save_failed: "photoDo_phone",
  shop_gone: "photoDo_phone",
};

export function photoFailureText(t: DashboardMessages, failure: PhotoFailure): string {
  return t[`photoFailure_${failure}`];
}

export function photoAdviceText(t: DashboardMessages, failure: PhotoFailure): string {
  return t[ADVICE[failure]] as string;
}
