// A published shop made through the API, as an owner would: products with stock, a pickup point, pay
// at pickup. What the buyers and the checks need to know about it is returned.
export type SeededShop = {
  shopId: string;
  /** The storefront host buyers order on (`{slug}.localhost`). */
  host: string;
  token: string;
  variantIds: string[];
  pickupPointId: string;
  /** Units on hand across every variant right after seeding: with the units ordered, constant. */
  initialUnits: number;
};

// biome-ignore lint/suspicious/noExplicitAny: set-up replies are read field by field
type Reply = Record<string, any>;

/** One API call as an owner's program makes it (retried while the database answers busy); throws unless 2xx. */
export async function call(api: string, method: string, path: string, body?: unknown, token?: string): Promise<Reply> {
  for (let tries = 1; ; tries++) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // A busy database can answer "try again" (503), as the dashboard's owner would.
    if (response.status === 503 && tries < 5) continue;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as Reply;
  }
}

/** Signs up an owner and opens a shop with `products` products of one size each, `stock` units each. */
export async function seedShop(
  api: string,
  options: { slug: string; products: number; stock: number },
): Promise<SeededShop> {
  const { slug } = options;
  const signup = await call(api, "POST", "/v1/auth/signup", {
    email: `${slug}@cluster.stall.test`,
    password: "a long cluster passphrase",
    name: slug,
  });
  const token = signup.token as string;
  const shop = await call(api, "POST", "/v1/shops", { name: slug, slug, currency: "USD", locale: "en" }, token);
  const base = `/v1/shops/${shop.id}`;
  const variantIds: string[] = [];
  for (let index = 0; index < options.products; index++) {
    const product = await call(
      api,
      "POST",
      `${base}/products`,
      { title: `Product ${index + 1}`, variants: [{ price: 500 + index, stock: options.stock }] },
      token,
    );
    variantIds.push(...(product.variants as { id: string }[]).map((variant) => variant.id));
  }
  const pickup = await call(api, "POST", `${base}/pickup-points`, { name: "Market", address: "Town green" }, token);
  await call(api, "PATCH", base, { paymentMethods: ["pay_at_pickup"] }, token);
  await call(api, "POST", `${base}/publish`, undefined, token);
  return {
    shopId: shop.id as string,
    host: `${slug}.localhost`,
    token,
    variantIds,
    pickupPointId: pickup.id as string,
    initialUnits: options.products * options.stock,
  };
}
