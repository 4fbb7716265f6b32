import type { Order } from "@stall/db";
import { DomainError, UNDO_WINDOW_MS, undoStep } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { AuthUser, ShopAccess } from "../access.ts";
import { undoableStepKeys } from "./order-notifications.ts";

/**
 * Takes back a member's last step within the undo window (decision 018): the order goes back to the
 * status before it, an "undone" event is recorded, the step's held buyer email is withdrawn, and a
 * payment the step recorded is open again. Decided inside the order's transaction, so an undo racing
 * someone else's step sees that step and is refused.
 */
export async function undoOrderStep(
  deps: Deps,
  options: { access: ShopAccess; user: AuthUser; orderId: string; stepId: string },
): Promise<Order> {
  const { access } = options;
  const now = deps.clock.now();
  const outcome = await access.repos.orders.change(
    options.orderId,
    (order, recorded) => {
      const latest = recorded.latestEvent;
      const undone = undoStep(order.status, latest, { stepId: options.stepId, actorId: options.user.id, now });
      const stepAt = latest?.createdAt ?? now;
      return {
        patch: { status: undone.to, ...(undone.step === "mark_paid" ? { paidAt: null } : {}) },
        event: {
          id: deps.newId("orderEvent"),
          fromStatus: order.status,
          toStatus: undone.to,
          actorType: "member",
          actorId: options.user.id,
          note: "",
          createdAt: now,
        },
        ...(undone.step === "mark_paid" ? { payment: { status: "pending" as const } } : {}),
        withdrawNotifications: {
          dedupeKeys: undoableStepKeys(order.id, undone.step, order.refundedAmount),
          heldUntil: stepAt + UNDO_WINDOW_MS,
        },
      };
    },
    now,
  );
  if (!outcome) throw new DomainError("not_found", "No such order in this shop");
  return outcome.order;
}
