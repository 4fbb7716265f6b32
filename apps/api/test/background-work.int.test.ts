// Background work across processes on the embedded default: two connections to one libSQL file, a
// record that waits out a busy database, and two real API processes sharing one file.
import { createDb } from "@stall/db";
import { backgroundWorkSuite } from "./background-work.ts";

backgroundWorkSuite("file", (url) => createDb(url));
