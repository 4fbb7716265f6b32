// Grouped writes on the embedded file are made by a thread of their own (decision 047).
//
// The embedded libSQL driver is synchronous: a write batch and its commit's fsync (about 2 ms with
// `synchronous=FULL`) ran on the main thread, and while they did no request was read, parsed or
// answered. Worse, a write that met another connection's write lock waited in SQLite's busy handler,
// which sleeps: the whole process stood still for 1, 2, 5 ms and more. Under a checkout load about a
// third of the API's time was these writes. Here the grouped writes (grouped-writes.ts: orders, the
// outbox's claims and deliveries) run on a second connection in a worker thread, so the main thread goes
// on with the next requests while the disk syncs, and the writes that arrive meanwhile gather into the
// next group.
//
// The thread starts on the first grouped write (a process that never makes one never pays for it), is
// started again if it dies, keeps the process alive only while a write is in flight, closes after
// WRITER_IDLE_MS without writes (its isolate is about 20 MB resident; the next write starts another in
// a few milliseconds), and closes with the database. Reads stay on the main thread's connection: a
// write is answered only once it is committed to the file, so the next read there sees it.

// The idle close is the database layer's own housekeeping: from node:timers, so a test that fakes the
// global timers to drive its own code neither sees nor moves it.
import { clearTimeout, setTimeout } from "node:timers";
import { Worker } from "node:worker_threads";
import type { Client, InStatement } from "@libsql/client";
import { errorFromWire, outcomeFromWire, type WireOutcome, type WrittenTogether } from "./write-together.ts";

export type WriterSettings = { url: string; path: string; busyTimeoutMs: number };
export type WriterRequest = { id: number; batches: InStatement[][] } | "close";
export type WriterReply =
  | { id: number; outcomes: WireOutcome[]; refusedTogether: boolean }
  | { id: number; failure: Parameters<typeof errorFromWire>[0] };

export type WriterThread = {
  /** Writes the batches together (or one by one if refused), on the thread; answers each one's outcome. */
  write(batches: InStatement[][]): Promise<WrittenTogether>;
  /** Lets the writes under way finish, then closes the thread's connection; later writes are refused. */
  close(): void;
  /** Threads started so far (one, unless a thread idled out or died). */
  threadsStarted(): number;
};

// Run from the sources (tests, scripts) the thread loads this folder's TypeScript; the API's bundle
// ships the worker as a file of its own beside server.mjs (apps/api/build.ts).
const WORKER_FILE = import.meta.url.endsWith(".ts") ? "./writer-thread.worker.ts" : "./writer-thread.worker.mjs";

/** Young-generation space for the thread: it only passes messages, and every MB here is resident. */
const THREAD_YOUNG_GENERATION_MB = 4;

/** A thread left without writes this long closes, giving its memory back; the next write starts another. */
export const WRITER_IDLE_MS = 30_000;

type Waiting = { resolve(written: WrittenTogether): void; reject(error: Error): void };
/** One started thread and the writes it has not answered yet. */
type Thread = { worker: Worker; waiting: Map<number, Waiting> };

export function createWriterThread(settings: WriterSettings, options: { idleMs?: number } = {}): WriterThread {
  const idleMs = options.idleMs ?? WRITER_IDLE_MS;
  let current: Thread | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  let isClosed = false;
  let started = 0;

  /** Stops taking writes on `thread`: it finishes those it has, closes its connection and ends. */
  function retire(thread: Thread) {
    if (current === thread) current = undefined;
    thread.worker.postMessage("close" satisfies WriterRequest);
  }

  function start(): Thread {
    const worker = new Worker(new URL(WORKER_FILE, import.meta.url), {
      workerData: settings,
      name: "stall-writer",
      // The thread runs a file: a parent started with `--input-type` (node -e) would refuse it.
      execArgv: process.execArgv.filter((arg) => !arg.startsWith("--input-type")),
      resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB },
    });
    started++;
    const thread: Thread = { worker, waiting: new Map() };
    const failAll = (error: Error) => {
      if (current === thread) current = undefined;
      for (const { reject } of thread.waiting.values()) reject(error);
      thread.waiting.clear();
    };
    worker.on("message", (reply: WriterReply) => {
      const caller = thread.waiting.get(reply.id);
      if (!caller) return;
      thread.waiting.delete(reply.id);
      if (thread.waiting.size === 0) {
        worker.unref();
        if (current === thread) {
          idleTimer = setTimeout(() => retire(thread), idleMs);
          idleTimer.unref();
        }
      }
      if ("failure" in reply) caller.reject(errorFromWire(reply.failure));
      else caller.resolve({ outcomes: reply.outcomes.map(outcomeFromWire), refusedTogether: reply.refusedTogether });
    });
    // A thread that could not open the file, or died: its writes are refused (each batch is one
    // transaction, so nothing of theirs was left half-written), and the next write starts a new one.
    worker.on("error", (error) => {
      failAll(new Error(`The database writer's thread failed: ${error.message}`, { cause: error }));
    });
    worker.on("exit", (code) => {
      failAll(new Error(`The database writer's thread stopped (exit code ${code}) before answering`));
    });
    worker.unref();
    return thread;
  }

  return {
    write(batches) {
      if (isClosed) return Promise.reject(new Error("The database is closed: nothing more can be written"));
      clearTimeout(idleTimer);
      current ??= start();
      const thread = current;
      const id = nextId++;
      return new Promise<WrittenTogether>((resolve, reject) => {
        if (thread.waiting.size === 0) thread.worker.ref();
        thread.waiting.set(id, { resolve, reject });
        thread.worker.postMessage({ id, batches } satisfies WriterRequest);
      });
    },
    close() {
      isClosed = true;
      clearTimeout(idleTimer);
      if (current) retire(current);
    },
    threadsStarted: () => started,
  };
}

/** The writer thread of each embedded database opened by `createDb`, made on the first grouped write. */
const settingsOf = new WeakMap<Client, WriterSettings>();
const threadOf = new WeakMap<Client, WriterThread>();

/** Marks `client` as an embedded file whose grouped writes are made by a thread of their own. */
export function writeInThread(client: Client, settings: WriterSettings): void {
  settingsOf.set(client, settings);
}

/** The thread making `client`'s grouped writes, or undefined when they are made inline (sqld, Turso). */
export function writerThreadOf(client: Client): WriterThread | undefined {
  const held = threadOf.get(client);
  if (held) return held;
  const settings = settingsOf.get(client);
  if (!settings) return undefined;
  const thread = createWriterThread(settings);
  threadOf.set(client, thread);
  return thread;
}

/** Closes `client`'s writer thread, if it has one. */
export function closeWriterThread(client: Client): void {
  settingsOf.delete(client);
  threadOf.get(client)?.close();
}
