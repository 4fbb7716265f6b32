// The database writer's thread (decision 047): its own connection to the embedded file, on which it
// writes the batches the main thread sends, one group at a time, in the order they arrive.

import { parentPort, workerData } from "node:worker_threads";
import type { InStatement } from "@libsql/client";
import { openEmbeddedFile } from "./embedded-file.ts";
import { errorToWire, outcomeToWire, writeTogether } from "./write-together.ts";
import type { WriterReply, WriterRequest, WriterSettings } from "./writer-thread.ts";

const port = parentPort;
if (!port) throw new Error("writer-thread.worker.ts runs as a worker thread (see writer-thread.ts)");
const settings = workerData as WriterSettings;
const client = await openEmbeddedFile(settings.url, settings.path, settings.busyTimeoutMs);

async function write(id: number, batches: InStatement[][]): Promise<WriterReply> {
  try {
    const { outcomes, refusedTogether } = await writeTogether(client, batches);
    return { id, outcomes: outcomes.map(outcomeToWire), refusedTogether };
  } catch (error) {
    return { id, failure: errorToWire(error) };
  }
}

let queue: Promise<unknown> = Promise.resolve();
port.on("message", (message: WriterRequest) => {
  if (message === "close") {
    queue = queue.then(() => {
      client.close();
      port.close();
    });
    return;
  }
  queue = queue.then(async () => port.postMessage(await write(message.id, message.batches)));
});
