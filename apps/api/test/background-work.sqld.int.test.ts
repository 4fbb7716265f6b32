// Background work across processes on the scale-out path: two connections to one real sqld.
import { createDb } from "@stall/db";
import { backgroundWorkSuite } from "./background-work.ts";

backgroundWorkSuite("sqld", (url) => createDb(url));
