// Moving one item of an ordered list up or down with plain form buttons ("up:id", "down:id"), and the
// order the group editor lists products in. Pure: no API, no page.

export type Direction = "up" | "down";

/** `ids` with `id` moved one place up or down; the same order when it is already at that end or absent. */
export function moved(ids: readonly string[], id: string, direction: Direction): string[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to] as string, order[from] as string];
  return order;
}

/** Reads a move button's value, "up:col_123" or "down:col_123". */
export function parseMove(value: string): { id: string; direction: Direction } | undefined {
  const match = /^(up|down):(.{1,64})$/.exec(value);
  return match ? { direction: match[1] as Direction, id: match[2] as string } : undefined;
}

/**
 * The products of a group as the editor lists them: the chosen ones first, in the group's order, then
 * the rest in the shop's order. The ticked boxes are posted in this order, so it is the order saved.
 */
export function editorOrder<T extends { id: string }>(products: readonly T[], chosenIds: readonly string[]): T[] {
  const byId = new Map(products.map((product) => [product.id, product]));
  const chosen = chosenIds.flatMap((id) => {
    const product = byId.get(id);
    return product ? [product] : [];
  });
  const chosenSet = new Set(chosenIds);
  return [...chosen, ...products.filter((product) => !chosenSet.has(product.id))];
}
