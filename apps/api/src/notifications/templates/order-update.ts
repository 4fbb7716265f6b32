// Buyer mail: a later step of an order (paid, ready, handed over or sent, cancelled, refunded). The
// wording follows both the step and how the buyer gets the order: "ready" means "come and pick it
// up" for a pickup but "we'll bring it soon" for a delivery.
import { FULFILMENT_TYPES, type FulfilmentType } from "@stall/domain";
import { type EmailMessages, emailMessages } from "@stall/i18n/emails";
import { z } from "zod";
import { Amount, Count, defineTemplate, LinkUrl, MultiLine, renderEmail, SingleLine } from "./email-layout.ts";

export const ORDER_UPDATE_KINDS = ["paid", "ready", "dispatched", "cancelled", "refunded"] as const;
export type OrderUpdateKind = (typeof ORDER_UPDATE_KINDS)[number];

export const OrderUpdatePayload = z
  .object({
    shopName: SingleLine,
    orderNumber: Count,
    orderUrl: LinkUrl,
    buyerName: SingleLine,
    kind: z.enum(ORDER_UPDATE_KINDS),
    fulfilmentType: z.enum(FULFILMENT_TYPES),
    /** Where and when to pick the order up, for `ready` with `pickup`; ignored otherwise. */
    place: MultiLine.nullable(),
    /** The amount refunded, for `refunded`; ignored otherwise. */
    amount: Amount.nullable(),
    contact: SingleLine.nullable(),
  })
  .strict();
export type OrderUpdatePayload = z.input<typeof OrderUpdatePayload>;
type Update = z.output<typeof OrderUpdatePayload>;

/** The subject, the heading and the paragraphs that say what happened. */
type Message = { subject: string; heading: string; body: string[] };

function whatHappened(text: EmailMessages, update: Update): Message {
  const { shopName: shop, kind, fulfilmentType, place, amount } = update;
  const number = String(update.orderNumber);
  switch (kind) {
    case "paid": {
      const next: Record<FulfilmentType, string> = {
        pickup: text.paidNextPickup,
        delivery: text.paidNextDelivery,
        shipping: text.paidNextShipping,
      };
      return {
        subject: text.paidSubject(shop, number),
        heading: text.paidHeading,
        body: [text.paidBody(number), next[fulfilmentType]],
      };
    }
    case "ready": {
      const ready: Record<FulfilmentType, Message> = {
        pickup: {
          subject: text.readyPickupSubject(shop, number),
          heading: text.readyPickupHeading,
          body: [place === null ? text.readyPickupBody(number) : text.readyPickupBodyAt(number, place)],
        },
        delivery: {
          subject: text.readyDeliverySubject(shop, number),
          heading: text.readyDeliveryHeading,
          body: [text.readyDeliveryBody(number)],
        },
        shipping: {
          subject: text.readyShippingSubject(shop, number),
          heading: text.readyShippingHeading,
          body: [text.readyShippingBody(number)],
        },
      };
      return ready[fulfilmentType];
    }
    case "dispatched": {
      const dispatched: Record<FulfilmentType, Message> = {
        pickup: {
          subject: text.dispatchedPickupSubject(shop, number),
          heading: text.dispatchedPickupHeading,
          body: [text.dispatchedPickupBody(number)],
        },
        delivery: {
          subject: text.dispatchedDeliverySubject(shop, number),
          heading: text.dispatchedDeliveryHeading,
          body: [text.dispatchedDeliveryBody(number)],
        },
        shipping: {
          subject: text.dispatchedShippingSubject(shop, number),
          heading: text.dispatchedShippingHeading,
          body: [text.dispatchedShippingBody(number)],
        },
      };
      return dispatched[fulfilmentType];
    }
    case "cancelled": {
      const nothingToDo: Record<FulfilmentType, string> = {
        pickup: text.cancelledNothingPickup,
        delivery: text.cancelledNothingDelivery,
        shipping: text.cancelledNothingShipping,
      };
      return {
        subject: text.cancelledSubject(shop, number),
        heading: text.cancelledHeading,
        body: [text.cancelledBody(shop, number, nothingToDo[fulfilmentType]), text.cancelledGetInTouch(shop)],
      };
    }
    case "refunded":
      return {
        subject:
          amount === null ? text.refundedSubject(shop, number) : text.refundedSubjectAmount(shop, number, amount),
        heading: text.refundedHeading,
        body: [amount === null ? text.refundedBody(number) : text.refundedBodyAmount(number, amount)],
      };
  }
}

export const orderUpdate = defineTemplate(
  OrderUpdatePayload,
  (locale, update) => {
    const { shopName, buyerName, orderUrl, contact } = update;
    const text = emailMessages[locale];
    const message = whatHappened(text, update);
    return renderEmail({
      locale,
      subject: message.subject,
      heading: message.heading,
      intro: [text.greeting(buyerName), ...message.body],
      button: { label: text.seeOrderButton, url: orderUrl },
      linkFallback: text.linkFallback,
      outro: contact === null ? [] : [text.shopQuestions(shopName, contact)],
      signature: text.shopSignature(shopName),
    });
  },
  { isFromShop: true },
);
