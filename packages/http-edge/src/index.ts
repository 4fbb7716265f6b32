// The part of every Stall HTTP server that sits in front of the app: Host and body-size checks, the
// security headers every response carries, compressing what it sends, answering the plainest requests
// straight from the socket (the storefront's warm pages), draining requests in flight on shutdown, and
// giving memory back once the process goes quiet.
export { type AstroHandler, loadBuiltHandler, portFromEnv, type ServeOptions, serveWithDrain } from "./astro-server.ts";
export { createBatchedWriter } from "./batched-writer.ts";
export { answerAndClose, type BodyOutcome, hasBody, readBody } from "./body.ts";
export { clientAddress } from "./client-address.ts";
export {
  acceptsEncoding,
  type Encoding,
  encode,
  gunzipBody,
  isCompressible,
  negotiateEncoding,
} from "./compression.ts";
export { createDrainer, type Drainer } from "./drain.ts";
export { type EdgeOptions, pathOf, withEdge } from "./edge.ts";
export { isValidHostHeader } from "./host.ts";
export { type IdleMemory, releaseMemoryWhenIdle } from "./idle-memory.ts";
export { type MetricsDoor, metricsDoor } from "./metrics-door.ts";
export {
  HSTS,
  hashSource,
  hstsFor,
  inlineBlocks,
  isHttpsRequest,
  pagePolicy,
  RESOURCE_POLICY,
} from "./security-headers.ts";
export {
  type AnswerFor,
  answerFromSocket,
  type SocketAnswer,
  type SocketAnswers,
  type SocketRequestHeaders,
} from "./socket-answers.ts";
