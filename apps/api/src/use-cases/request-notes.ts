// What a request's log line says about whom it served. The shop a request is about is often only known
// deep inside a use-case (a storefront route names a host; the use-case finds the shop), so the log
// middleware opens a small record for each request and the code that finds the shop notes its id there.
import { AsyncLocalStorage } from "node:async_hooks";

type RequestNotes = { shopId?: string };

const notes = new AsyncLocalStorage<RequestNotes>();

/** Runs one request's handling with a fresh record; answers the record to read once it is done. */
export async function withRequestNotes(handle: () => Promise<void>): Promise<RequestNotes> {
  const record: RequestNotes = {};
  await notes.run(record, handle);
  return record;
}

/** Notes the shop the current request is about (no-op outside a request, as in scripts). */
export function noteShop(shopId: string): void {
  const record = notes.getStore();
  if (record) record.shopId = shopId;
}
