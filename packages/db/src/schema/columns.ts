import { integer, text } from "drizzle-orm/sqlite-core";

/** Epoch milliseconds, UTC. */
export const timestamp = (name: string) => integer(name, { mode: "number" });
export const createdAt = () => timestamp("created_at").notNull();
export const updatedAt = () => timestamp("updated_at").notNull();
export const flag = (name: string) => integer(name, { mode: "boolean" });
/** Minor units; paired with a `currency` column on the same row. */
export const amount = (name: string) => integer(name, { mode: "number" });
export const json = <T>(name: string) => text(name, { mode: "json" }).$type<T>();
