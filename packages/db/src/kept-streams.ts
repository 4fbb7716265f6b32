// Keeps sqld's streams open between requests (decision 051).
//
// @libsql/client sends each `execute` and `batch` over HTTP as one pipeline request that opens a stream,
// runs, and closes it again (`{"baton": null, "requests": [..., {"type": "close"}]}`). On sqld a stream
// is a SQLite connection: opening one reads and parses the whole schema, and closing it throws that away.
// With our schema that was about 1 ms of sqld's CPU a request, more than the statements themselves.
//
// This is the client's `fetch`. A request that opens and closes a stream of its own is sent instead on a
// stream kept open from an earlier request (its baton), without the `close`; the client is answered as if
// its stream had been closed. A kept stream is used by one request at a time, and only after a request
// that left it clean: every result ok, so nothing failed half way (a batch's BEGIN ... COMMIT always ends
// in COMMIT or ROLLBACK). Anything else (an interactive transaction, a PRAGMA, a cursor, an error) goes as
// the client sent it, and a stream that saw an error is closed. sqld forgets a stream after 10 s idle, so
// a stream idle for `idleMs` is closed here first; a kept stream sqld no longer knows (it answers 400
// before running anything) makes the request go again on a new stream.
//
// Responses come back uncompressed: sqld gzips them when asked, which costs both sides CPU for bytes that
// cross a local network (undici asks by default).

/** A Hrana pipeline request (JSON, protocol 2 and 3), as far as this module reads it. */
type StreamRequest = {
  type: string;
  sql?: string;
  sql_id?: number;
  stmt?: { sql?: string };
  batch?: { steps: { stmt?: { sql?: string } }[] };
};
type PipelineRequest = { baton?: string | null; requests: StreamRequest[] };
type StreamResult = { type: "ok" | "error" | string; response?: { type: string; result?: unknown } };
type PipelineResponse = { baton: string | null; base_url: string | null; results: StreamResult[] };

/** A stream sqld keeps for us: its baton, the pipeline URL it lives at, and when it was last used. */
type KeptStream = { baton: string; url: string; headers: Headers; since: number };

export type KeptStreamsOptions = {
  /** Streams kept open at most (the rest are closed): the client's requests in flight. Default 20. */
  maxKept?: number;
  /** A kept stream idle this long is closed rather than used (sqld forgets one after 10 s). Default 5000. */
  idleMs?: number;
  /** The fetch underneath (tests). */
  fetch?: typeof fetch;
  now?: () => number;
};

export type KeptStreams = {
  fetch: (request: Request) => Promise<Response>;
  /** Requests sent on a kept stream, requests that opened one, and the streams kept now. */
  counts(): KeptStreamCounts;
  /** Closes the kept streams (the process is closing its database). */
  closeAll(): void;
};

export type KeptStreamCounts = { reused: number; opened: number; kept: number };

/** Statements that change a connection's state beyond one request: never sent on a kept stream. */
const CONNECTION_STATE = /^\s*(begin|commit|end|rollback|savepoint|release|pragma|attach|detach|vacuum)\b/i;
/** The same, less what a batch's own BEGIN ... COMMIT or ROLLBACK (always balanced) uses. */
const CONNECTION_STATE_IN_BATCH = /^\s*(savepoint|release|pragma|attach|detach|vacuum)\b/i;
const PIPELINE_PATH = /\/v[23]\/pipeline$/;

/** The requests of a pipeline that can run on a kept stream, without its final `close`; else undefined. */
function keepableRequests(body: PipelineRequest): StreamRequest[] | undefined {
  const { requests } = body;
  if (body.baton != null || requests.length < 2 || requests.at(-1)?.type !== "close") return undefined;
  const work = requests.slice(0, -1);
  for (const request of work) {
    const isKeepable =
      request.type === "execute"
        ? !CONNECTION_STATE.test(request.stmt?.sql ?? "")
        : request.type === "store_sql"
          ? !CONNECTION_STATE.test(request.sql ?? "")
          : request.type === "batch"
            ? !request.batch?.steps.some((step) => CONNECTION_STATE_IN_BATCH.test(step.stmt?.sql ?? ""))
            : request.type === "close_sql";
    if (!isKeepable) return undefined;
  }
  // SQL stored by this request would outlive it on a kept stream, and its ids be given out again.
  const stored = work.filter((request) => request.type === "store_sql").map((request) => request.sql_id);
  const closed = new Set(work.filter((request) => request.type === "close_sql").map((request) => request.sql_id));
  for (const id of stored) if (!closed.has(id)) work.push({ type: "close_sql", sql_id: id as number });
  return work;
}

/** True when nothing of the pipeline failed: the stream is as clean as a new one. */
function isClean(results: StreamResult[]): boolean {
  return results.every((result) => {
    if (result.type !== "ok") return false;
    const batch = result.response?.type === "batch" ? (result.response.result as { step_errors?: unknown[] }) : null;
    return !batch?.step_errors?.some((error) => error !== null);
  });
}

export function keepStreams(options: KeptStreamsOptions = {}): KeptStreams {
  const maxKept = options.maxKept ?? 20;
  const idleMs = options.idleMs ?? 5000;
  const send = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  // Last in, first out: the busiest streams stay warm and the rest age out.
  const kept: KeptStream[] = [];
  let reused = 0;
  let opened = 0;

  const post = (url: string, headers: Headers, body: PipelineRequest) =>
    send(url, { method: "POST", headers, body: JSON.stringify(body) });

  /** Closes a stream we no longer keep, without waiting for the answer. */
  const close = (stream: KeptStream) => {
    post(stream.url, stream.headers, { baton: stream.baton, requests: [{ type: "close" }] }).then(
      (response) => response.body?.cancel(),
      () => undefined,
    );
  };

  const take = (): KeptStream | undefined => {
    for (let stream = kept.pop(); stream; stream = kept.pop()) {
      if (now() - stream.since < idleMs) return stream;
      close(stream);
    }
    return undefined;
  };

  const give = (stream: KeptStream) => {
    kept.push(stream);
    if (kept.length > maxKept) close(kept.shift() as KeptStream);
  };

  async function keptFetch(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    headers.set("accept-encoding", "identity");
    if (request.method !== "POST" || !PIPELINE_PATH.test(new URL(request.url).pathname)) {
      return send(new Request(request, { headers }));
    }
    const body = (await request.json()) as PipelineRequest;
    const work = keepableRequests(body);
    if (!work) return post(request.url, headers, body);

    let stream = take();
    let response = await post(stream?.url ?? request.url, headers, { baton: stream?.baton ?? null, requests: work });
    // sqld refuses a stream it no longer knows before running anything: the request goes on a new one.
    if (stream && response.status >= 400 && response.status < 500) {
      await response.body?.cancel();
      stream = undefined;
      response = await post(request.url, headers, { baton: null, requests: work });
    }
    if (stream) reused++;
    else opened++;
    if (!response.ok) return response;

    const answer = (await response.json()) as PipelineResponse;
    if (answer.baton !== null) {
      const url = answer.base_url ? new URL(new URL(request.url).pathname, answer.base_url).toString() : request.url;
      const next = { baton: answer.baton, url, headers, since: now() };
      if (isClean(answer.results)) give(next);
      else close(next);
    }
    // The client's view: its requests answered, its stream closed.
    const results = [...answer.results.slice(0, body.requests.length - 1), { type: "ok", response: { type: "close" } }];
    return Response.json({ baton: null, base_url: answer.base_url, results });
  }

  return {
    fetch: keptFetch,
    counts: () => ({ reused, opened, kept: kept.length }),
    closeAll: () => {
      for (let stream = kept.pop(); stream; stream = kept.pop()) close(stream);
    },
  };
}
