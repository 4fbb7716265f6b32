import type { Deps } from "../deps.ts";
import type { ShopAccess } from "./access.ts";

/**
 * What a simple list a shop keeps (pickup points, pages, ...) can do: the use-case side of the five
 * routes `routes/shop-resource.ts` builds for each list.
 */
export type ResourceHandlers<Input, Patch, Response> = {
  list(deps: Deps, access: ShopAccess): Promise<Response[]>;
  get(deps: Deps, access: ShopAccess, id: string): Promise<Response | undefined>;
  create(deps: Deps, access: ShopAccess, input: Input): Promise<Response>;
  update(deps: Deps, access: ShopAccess, id: string, patch: Patch): Promise<Response | undefined>;
  remove(deps: Deps, access: ShopAccess, id: string): Promise<boolean>;
};
