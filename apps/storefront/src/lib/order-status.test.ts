import { describe, expect, it } from "vitest";
import type { BuyerOrder } from "./api.ts";
import { messagesFor } from "./i18n.ts";
import { orderStatusText, orderSteps } from "./order-status.ts";

const en = messagesFor("en");
const zh = messagesFor("zh-CN");

function order(status: BuyerOrder["status"], paymentMethod: BuyerOrder["paymentMethod"], type: "pickup" | "delivery") {
  return { status, paymentMethod, fulfilment: { type, name: "Saturday market" } };
}

describe("orderStatusText", () => {
  it.each([
    [order("awaiting_payment", "pay_at_pickup", "pickup"), "We've got your order — pay when you pick it up"],
    [order("awaiting_payment", "cash_on_delivery", "delivery"), "We've got your order — pay when it arrives"],
    [order("awaiting_payment", "bank_transfer", "delivery"), "We've got your order — waiting for your bank transfer"],
    [order("pending_payment", "stripe", "pickup"), "Waiting for your payment"],
    [order("paid", "stripe", "pickup"), "Paid"],
    [order("ready", "pay_at_pickup", "pickup"), "Ready to pick up at Saturday market"],
    [order("ready", "stripe", "delivery"), "Ready — it will be on its way soon"],
    [order("fulfilled", "stripe", "delivery"), "On its way"],
    [order("fulfilled", "pay_at_pickup", "pickup"), "Picked up"],
    [order("completed", "stripe", "pickup"), "Completed"],
    [order("cancelled", "stripe", "pickup"), "Cancelled"],
    [order("expired", "stripe", "pickup"), "Cancelled"],
    [order("refunded", "stripe", "pickup"), "Refunded"],
    [order("partially_refunded", "stripe", "pickup"), "Partly refunded"],
    [order("on_hold", "stripe", "pickup"), "We have your payment — the shop is checking it and will be in touch"],
  ])("%j: %s", (value, expected) => {
    expect(orderStatusText(value, en)).toBe(expected);
  });

  it("speaks Chinese too", () => {
    expect(orderStatusText(order("awaiting_payment", "pay_at_pickup", "pickup"), zh)).toBe("订单已收到，取货时付款");
    expect(orderStatusText(order("ready", "pay_at_pickup", "pickup"), zh)).toBe("已备好，请到「Saturday market」取货");
    expect(orderStatusText(order("on_hold", "stripe", "pickup"), zh)).toBe("已收到你的付款，店家正在核对，会与你联系");
  });
});

describe("orderSteps", () => {
  const states = (value: ReturnType<typeof order>) =>
    orderSteps(value, en)?.map((step) => `${step.label}:${step.state}`);

  it.each([
    ["awaiting_payment", ["Ordered:done", "Paid:next", "Ready:later", "Picked up:later"]],
    ["paid", ["Ordered:done", "Paid:done", "Ready:next", "Picked up:later"]],
    ["ready", ["Ordered:done", "Paid:done", "Ready:done", "Picked up:next"]],
    ["completed", ["Ordered:done", "Paid:done", "Ready:done", "Picked up:done"]],
  ] as const)("%s", (status, expected) => {
    expect(states(order(status, "pay_at_pickup", "pickup"))).toEqual(expected);
  });

  it("says sent for delivery, and has no steps for an order that stopped", () => {
    expect(orderSteps(order("fulfilled", "stripe", "delivery"), en)?.at(-1)).toEqual({
      key: "handed-over",
      label: "Sent",
      state: "done",
    });
    expect(orderSteps(order("cancelled", "stripe", "pickup"), en)).toBeUndefined();
    expect(orderSteps(order("refunded", "stripe", "pickup"), en)).toBeUndefined();
  });
});
