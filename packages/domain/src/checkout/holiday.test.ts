import { describe, expect, it } from "vitest";
import { DomainError } from "../errors.ts";
import { assertTakingOrders } from "./holiday.ts";

describe("assertTakingOrders", () => {
  it("lets orders through while the shop is open, whatever message is kept", () => {
    expect(() => assertTakingOrders({ isPaused: false, pauseMessage: "Back on 12 January" })).not.toThrow();
  });

  it.each([
    ["Back on 12 January", "This shop is not taking orders just now: Back on 12 January"],
    ["  ", "This shop is not taking orders just now"],
  ])("refuses while paused with %j", (pauseMessage, detail) => {
    try {
      assertTakingOrders({ isPaused: true, pauseMessage });
      expect.unreachable("a paused shop took an order");
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: "shop_paused", status: 409, message: detail });
      expect((error as DomainError).details).toEqual({ pauseMessage: pauseMessage.trim() });
    }
  });
});
