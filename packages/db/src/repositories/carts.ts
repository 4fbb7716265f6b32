import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { cartLines, carts } from "../schema/index.ts";
import { shopFilter, writeFilter } from "./scope.ts";

export type CartRow = typeof carts.$inferSelect;
export type CartLineRow = typeof cartLines.$inferSelect;
export type Cart = CartRow & { lines: CartLineRow[] };

/** Shoppers' carts of one shop. A cart lives 30 days from its last change. */
export function cartRepository(db: Db, shopId: string) {
  const line = (cartId: string, lineId: string) =>
    writeFilter(
      "update",
      "cart_lines",
      cartLines.shopId,
      shopId,
      and(eq(cartLines.cartId, cartId), eq(cartLines.id, lineId)),
    );

  return {
    async create(cart: Omit<typeof carts.$inferInsert, "shopId">): Promise<Cart> {
      await db.insert(carts).values({ ...cart, shopId });
      return { ...(cart as CartRow), shopId, lines: [] };
    },

    /** The cart with its lines, oldest line first; undefined when unknown or expired. */
    async get(cartId: string, now: number): Promise<Cart | undefined> {
      const [cart] = await db
        .select()
        .from(carts)
        .where(shopFilter(carts.shopId, shopId, and(eq(carts.id, cartId), gt(carts.expiresAt, now))));
      if (!cart) return undefined;
      const lines = await db
        .select()
        .from(cartLines)
        .where(shopFilter(cartLines.shopId, shopId, eq(cartLines.cartId, cartId)))
        .orderBy(asc(cartLines.createdAt), asc(cartLines.id));
      return { ...cart, lines };
    },

    /**
     * Adds `quantity` of a variant: a new line, or more on the existing line of that variant (whose
     * remembered price stays the one first seen, so a later change can be shown).
     */
    async addLine(options: {
      cartId: string;
      lineId: string;
      variantId: string;
      quantity: number;
      unitPrice: number;
      now: number;
      expiresAt: number;
    }): Promise<void> {
      const { cartId, lineId, variantId, quantity, unitPrice, now, expiresAt } = options;
      await db.batch([
        db
          .insert(cartLines)
          .values({
            shopId,
            id: lineId,
            cartId,
            variantId,
            quantity,
            unitPriceAmount: unitPrice,
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoUpdate({
            target: [cartLines.shopId, cartLines.cartId, cartLines.variantId],
            set: { quantity: sql`${cartLines.quantity} + ${quantity}`, updatedAt: now },
          }),
        this.touchStatement(cartId, now, expiresAt),
      ]);
    },

    async setQuantity(
      cartId: string,
      lineId: string,
      quantity: number,
      now: number,
      expiresAt: number,
    ): Promise<boolean> {
      const [rows] = await db.batch([
        db
          .update(cartLines)
          .set({ quantity, updatedAt: now })
          .where(line(cartId, lineId))
          .returning({ id: cartLines.id }),
        this.touchStatement(cartId, now, expiresAt),
      ]);
      return rows.length === 1;
    },

    async removeLine(cartId: string, lineId: string, now: number, expiresAt: number): Promise<boolean> {
      const [rows] = await db.batch([
        db
          .delete(cartLines)
          .where(
            writeFilter(
              "delete",
              "cart_lines",
              cartLines.shopId,
              shopId,
              and(eq(cartLines.cartId, cartId), eq(cartLines.id, lineId)),
            ),
          )
          .returning({ id: cartLines.id }),
        this.touchStatement(cartId, now, expiresAt),
      ]);
      return rows.length === 1;
    },

    touchStatement(cartId: string, now: number, expiresAt: number) {
      return db
        .update(carts)
        .set({ updatedAt: now, expiresAt })
        .where(writeFilter("update", "carts", carts.shopId, shopId, eq(carts.id, cartId)));
    },
  };
}
