// A stand-in for the API's snapshot endpoint, for what the real API cannot yet be made to do
// (suspend a shop) or should not do in a test (go away mid-run).
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Snapshot } from "../src/lib/snapshot.ts";

export type StubApi = {
  url: string;
  /** Shops by host name without port. */
  shops: Map<string, Snapshot>;
  setDown: (isDown: boolean) => void;
  /** Holds every snapshot answer until the function it returns is called. */
  hold: () => () => void;
  /** Requests the storefront gave up on (closed before they were answered), since the start. */
  abandoned: () => number;
  requests: string[];
  stop: () => Promise<void>;
};

export async function startStubApi(): Promise<StubApi> {
  const shops = new Map<string, Snapshot>();
  const requests: string[] = [];
  let isDown = false;
  let gate: Promise<void> | undefined;
  let abandoned = 0;
  const server = http.createServer(async (request, response) => {
    requests.push(`${request.method} ${request.url}`);
    response.on("close", () => {
      if (!response.writableEnded) abandoned += 1;
    });
    if (gate) await gate;
    const match = /^\/v1\/storefront\/([^/]+)\/snapshot(?:\?.*)?$/.exec(request.url ?? "");
    if (isDown) {
      response.writeHead(500, { "Content-Type": "application/problem+json" }).end('{"status":500}');
      return;
    }
    const host = decodeURIComponent(match?.[1] ?? "").split(":")[0] ?? "";
    const snapshot = shops.get(host);
    if (!match || !snapshot) {
      response.writeHead(404, { "Content-Type": "application/problem+json" }).end('{"status":404}');
      return;
    }
    const etag = `"${snapshot.shop.id}.v${snapshot.version}.${snapshot.shop.status}"`;
    if (request.headers["if-none-match"] === etag) {
      response.writeHead(304, { ETag: etag }).end();
      return;
    }
    response.writeHead(200, { "Content-Type": "application/json", ETag: etag }).end(JSON.stringify(snapshot));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    shops,
    requests,
    setDown: (down) => {
      isDown = down;
    },
    abandoned: () => abandoned,
    hold: () => {
      let release = () => {};
      gate = new Promise((resolve) => {
        release = () => {
          gate = undefined;
          resolve();
        };
      });
      return release;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A small but complete snapshot: one product, one collection, one page. */
export function snapshotFixture(options: {
  slug: string;
  name: string;
  status?: Snapshot["shop"]["status"];
  version?: number;
  productTitle?: string;
}): Snapshot {
  return {
    version: options.version ?? 1,
    generatedAt: 1_790_000_000_000,
    shop: {
      id: `shop_${options.slug}`,
      slug: options.slug,
      url: `http://${options.slug}.stall.test`,
      name: options.name,
      tagline: "Made by hand",
      status: options.status ?? "active",
      locale: "en",
      extraLocales: [],
      currency: "GBP",
      contactEmail: null,
      contactPhone: null,
      address: null,
      themePreset: "kitchen",
      themeTokens: {},
      logo: null,
      socialLinks: [],
      policies: {},
      paymentMethods: ["pay_at_pickup"],
      bankTransferInstructions: null,
      isPaused: false,
      pauseMessage: "",
      returnPolicy: null,
    },
    products: [
      {
        id: "prd_1",
        slug: "plum-jam",
        title: options.productTitle ?? "Plum Jam",
        descriptionHtml: "<p>Plums and sugar.</p>",
        options: [],
        vendor: "",
        condition: "new",
        variants: [
          {
            id: "var_1",
            optionValues: [],
            title: "",
            price: 450,
            compareAtPrice: null,
            availability: "in_stock",
            stockLeft: null,
            sku: null,
            barcode: null,
            isBackordered: false,
          },
        ],
        productType: "",
        tags: [],
        seoTitle: "",
        seoDescription: "",
        photos: [],
        updatedAt: 1_790_000_000_000,
      },
    ],
    collections: [],
    pages: [],
    productRedirects: {},
    pickupPoints: [],
    deliveryAreas: [],
    shippingRates: [],
    tax: { mode: "none", rate: 0, label: "Tax" },
  };
}
