import type { TaxSettingsRow } from "@stall/db";
import { DomainError, type TaxSettingsInput } from "@stall/domain";
import type { Deps } from "../../deps.ts";
import type { ShopAccess } from "../access.ts";

export function toTaxResponse(row: TaxSettingsRow) {
  return { mode: row.mode, rate: row.rateBasisPoints, label: row.label, appliesToFulfilment: row.appliesToFulfilment };
}

export async function getTaxSettings(_deps: Deps, options: { access: ShopAccess }) {
  const row = await options.access.repos.tax.get();
  if (!row) throw new DomainError("not_found", "This shop has no tax settings");
  return toTaxResponse(row);
}

export async function setTaxSettings(deps: Deps, options: { access: ShopAccess; input: TaxSettingsInput }) {
  const { input } = options;
  const row = await options.access.repos.tax.set(
    {
      mode: input.mode,
      rateBasisPoints: input.mode === "none" ? 0 : input.rate,
      ...(input.label ? { label: input.label } : {}),
      ...(input.appliesToFulfilment !== undefined ? { appliesToFulfilment: input.appliesToFulfilment } : {}),
    },
    deps.clock.now(),
  );
  if (!row) throw new DomainError("not_found", "This shop has no tax settings");
  return toTaxResponse(row);
}
