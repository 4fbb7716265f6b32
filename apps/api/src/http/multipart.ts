// multipart/form-data (RFC 7578), read from the body's bytes in one piece (decision 059). The web
// `formData()` copies a photo's megabytes five times on the way to the route (the stream's chunks joined,
// the Request's copy, the parser's, the File's, the route's); here the body is read once, straight from
// the socket, its boundaries are found with `Buffer#indexOf`, and each part is a view into it.
import { DomainError } from "@stall/domain";
import type { Context } from "hono";

/** One part of a form. A file has a `filename` (possibly empty); a text field has none. */
export type FormPart = {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  /** A view into the request's body, not a copy. */
  data: Buffer;
};

export type Form = {
  /** The first file sent under `name`. */
  file(name: string): FormPart | undefined;
  /** The first text field sent under `name`, as UTF-8. */
  text(name: string): string | undefined;
};

/** More parts than a form of ours has any use for: a body of thousands of tiny parts is refused. */
const MAX_PARTS = 64;
/** A part's headers are two short lines; a browser's with a long file name stays far under this. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF_CRLF = Buffer.from("\r\n\r\n");

/** The boundary named by a multipart Content-Type (RFC 2046: 1-70 characters, quoted or not). */
export function multipartBoundary(contentType: string): string | undefined {
  const match = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^";\s]{1,70}))\s*(?:;|$)/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function unreadable(why: string): DomainError {
  return new DomainError("bad_request", `The form could not be read: ${why}`);
}

/** A header's parameters (`name="file"; filename="IMG 1.jpg"`), names lower-cased, quotes undone. */
function parameters(value: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const [, name, quoted, token] of value.matchAll(/;\s*([^\s=;]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    if (!name) continue;
    const key = name.toLowerCase();
    if (!found.has(key)) found.set(key, quoted === undefined ? (token ?? "").trim() : quoted.replace(/\\(.)/g, "$1"));
  }
  return found;
}

function describePart(headerText: string, data: Buffer): FormPart {
  let disposition: string | undefined;
  let contentType: string | undefined;
  for (const line of headerText.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw unreadable("a part is not form-data");
  const params = parameters(disposition);
  const name = params.get("name");
  if (name === undefined) throw unreadable("a part has no name");
  return { name, filename: params.get("filename"), contentType, data };
}

/**
 * The parts of a multipart/form-data body. Anything that is not a whole form (no first boundary, a part
 * without its headers' end or its closing boundary, a part that is not form-data) is a 400 naming what.
 */
export function parseMultipart(body: Buffer, boundary: string): FormPart[] {
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first boundary opens the body, or follows a preamble and its line break.
  let position: number;
  if (body.subarray(0, opening.length).equals(opening)) position = opening.length;
  else {
    const found = body.indexOf(delimiter);
    if (found < 0) throw unreadable("its boundary is not in the body");
    position = found + delimiter.length;
  }
  const parts: FormPart[] = [];
  for (;;) {
    // "--" after a boundary closes the form; anything after it is an epilogue, ignored.
    if (body[position] === 0x2d && body[position + 1] === 0x2d) return parts;
    while (body[position] === 0x20 || body[position] === 0x09) position++;
    if (body[position] !== 0x0d || body[position + 1] !== 0x0a) throw unreadable("it ends before its last boundary");
    // From the boundary's own line break, so a part with no headers at all is found too.
    const headersEnd = body.indexOf(CRLF_CRLF, position);
    if (headersEnd < 0 || headersEnd - position > MAX_HEADER_BYTES) throw unreadable("a part's headers do not end");
    const dataStart = headersEnd + CRLF_CRLF.length;
    const dataEnd = body.indexOf(delimiter, dataStart);
    if (dataEnd < 0) throw unreadable("it ends before its last boundary");
    if (parts.length === MAX_PARTS) throw unreadable(`it has more than ${MAX_PARTS} parts`);
    parts.push(describePart(body.toString("utf8", position + 2, headersEnd), body.subarray(dataStart, dataEnd)));
    position = dataEnd + delimiter.length;
  }
}

const utf8 = new TextDecoder();

/** A part's bytes as text, as `File#text()` reads them: UTF-8, a leading byte-order mark dropped. */
export function partText(part: FormPart): string {
  return utf8.decode(part.data);
}

/** A form over parsed parts: the first of each name, as `FormData.get` gives it. */
export function formOf(parts: FormPart[]): Form {
  return {
    file: (name) => parts.find((part) => part.name === name && part.filename !== undefined),
    text: (name) => {
      const part = parts.find((candidate) => candidate.name === name && candidate.filename === undefined);
      return part && partText(part);
    },
  };
}

/**
 * The request's form. The body is read once, straight from the socket (nothing has looked at the web
 * Request's stream: the body limit goes by Content-Length, decision 057). The caller has checked the
 * Content-Type is multipart/form-data; a missing boundary is a 400.
 */
export async function readForm(c: Context): Promise<Form> {
  const boundary = multipartBoundary(c.req.header("content-type") ?? "");
  if (!boundary) throw unreadable("its Content-Type names no boundary");
  return formOf(parseMultipart(Buffer.from(await c.req.arrayBuffer()), boundary));
}
