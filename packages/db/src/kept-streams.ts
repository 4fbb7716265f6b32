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
// a stream idle for `idleMs` is closed here first; a kept stream sqld no longer knows (it answers 400,
// naming the baton or the expired stream, before running anything) makes the request go again on a new
// stream. One thing does carry over on a kept stream: the connection's last inserted rowid and change
// counts, which an INSERT that inserts nothing reports from an earlier request. Read ids with RETURNING.
//
// Over plain http:// responses come back uncompressed: sqld gzips them when asked (undici asks by
// default), which costs both sides CPU for bytes that only cross a local network.

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
  /**
   * Requests sent on a kept stream, requests that opened one, requests that went as the client sent them
   * (its own stream: a transaction, a PRAGMA, a migration), and the streams kept now.
   */
  counts(): KeptStreamCounts;
  /** Closes the kept streams (the process is closing its database). */
  closeAll(): void;
};

export type KeptStreamCounts = { reused: number; opened: number; own: number; kept: number };

/**
 * Statements that change a connection's state beyond one request (a transaction, a PRAGMA, an attached or
 * temporary object): never sent on a kept stream. Matched after any leading blanks, `;` and comments.
 */
const CONNECTION_STATE =
  /(?:begin|commit|end|rollback|savepoint|release|pragma|attach|detach|vacuum)\b|create\s+temp/iy;
/** The same, less what a batch's own BEGIN ... COMMIT or ROLLBACK (always balanced) uses. */
const CONNECTION_STATE_IN_BATCH = /(?:savepoint|release|pragma|attach|detach|vacuum)\b|create\s+temp/iy;
/** Blanks, semicolons and comments before a statement's first word. */
const LEADING = /(?:\s+|;|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/y;

function changesConnection(sql: string | undefined, pattern: RegExp): boolean {
  const text = sql ?? "";
  LEADING.lastIndex = 0;
  LEADING.exec(text);
  pattern.lastIndex = LEADING.lastIndex;
  return pattern.test(text);
}

const PIPELINE_PATH = /\/v[23]\/pipeline$/;

/** The requests of a pipeline that can run on a kept stream, without its final `close`; else undefined. */
function keepableRequests(body: PipelineRequest): StreamRequest[] | undefined {
  const { requests } = body;
  if (body.baton != null || requests.length < 2 || requests.at(-1)?.type !== "close") return undefined;
  const work = requests.slice(0, -1);
  for (const request of work) {
    const isKeepable =
      request.type === "execute"
        ? !changesConnection(request.stmt?.sql, CONNECTION_STATE)
        : request.type === "store_sql"
          ? !changesConnection(request.sql, CONNECTION_STATE)
          : request.type === "batch"
            ? !request.batch?.steps.some((step) => changesConnection(step.stmt?.sql, CONNECTION_STATE_IN_BATCH))
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
  let own = 0;

  const post = (url: string, headers: Headers, body: PipelineRequest) =>
    send(url, { method: "POST", headers, body: JSON.stringify(body) });

  /** Closes a stream we no longer keep, without waiting for the answer. */
  const close = (stream: KeptStream) => {
    post(stream.url, stream.headers, { baton: stream.baton, requests: [{ type: "close" }] })
      .then((response) => response.body?.cancel())
      .catch(() => undefined);
  };

  // Streams idle past idleMs are closed by a timer too, so a process that goes quiet does not hold sqld's
  // connections until sqld expires them (sqld has a bounded number, --max-concurrent-connections).
  let sweeper: ReturnType<typeof setTimeout> | undefined;
  const sweep = () => {
    sweeper = undefined;
    const at = now();
    while (kept.length > 0 && at - (kept[0] as KeptStream).since >= idleMs) close(kept.shift() as KeptStream);
    if (kept.length > 0) sweepLater();
  };
  const sweepLater = () => {
    sweeper ??= setTimeout(sweep, idleMs);
    sweeper.unref?.();
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
    sweepLater();
  };

  async function keptFetch(request: Request): Promise<Response> {
    const headers = new Headers(request.headers);
    // Plain http:// is a local or private network (sqld beside the API): bytes are cheaper than the CPU
    // to squeeze them. Over https:// (Turso, across the internet) the answers stay compressed.
    if (request.url.startsWith("http:")) headers.set("accept-encoding", "identity");
    if (request.method !== "POST" || !PIPELINE_PATH.test(new URL(request.url).pathname)) {
      return send(new Request(request, { headers }));
    }
    const body = (await request.json()) as PipelineRequest;
    const work = keepableRequests(body);
    if (!work) {
      own++;
      return post(request.url, headers, body);
    }

    let stream = take();
    let response = await post(stream?.url ?? request.url, headers, { baton: stream?.baton ?? null, requests: work });
    // sqld refuses a stream it no longer knows (expired, or sqld restarted) with a 400 naming the baton or
    // the stream before it runs anything: only then does the request go again, on a new stream.
    if (stream && response.status === 400) {
      const refusal = await response.text();
      if (!/baton|STREAM_EXPIRED/i.test(refusal)) {
        return new Response(refusal, { status: response.status, headers: response.headers });
      }
      stream = undefined;
      response = await post(request.url, headers, { baton: null, requests: work });
    }
    if (stream) reused++;
    else opened++;
    if (!response.ok) return response;

    const answer = (await response.json()) as PipelineResponse;
    if (typeof answer.baton === "string") {
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
    counts: () => ({ reused, opened, own, kept: kept.length }),
    closeAll: () => {
      if (sweeper) clearTimeout(sweeper);
      sweeper = undefined;
      for (let stream = kept.pop(); stream; stream = kept.pop()) close(stream);
    },
  };
}
