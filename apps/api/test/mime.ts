// A small MIME reader, enough to check what the mailer wrote in an .eml file.
import { expect } from "vitest";

type MimePart = { headers: Map<string, string>; body: string };

function decodeBytes(latin1: string): string {
  return Buffer.from(latin1, "latin1").toString("utf8");
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`), dropping the space between adjacent ones. */
function decodeHeader(value: string): string {
  return value
    .replace(/(\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeBytes(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9a-f]{2})/gi, (__, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
          ),
    );
}

function parseMime(raw: string): MimePart {
  const split = raw.indexOf("\r\n\r\n");
  expect(split, "a blank line between headers and body").toBeGreaterThan(0);
  const headers = new Map<string, string>();
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n([ \t])/g, "$1")
    .split("\r\n")) {
    const colon = line.indexOf(":");
    headers.set(line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(split + 4) };
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "7bit").toLowerCase();
  if (encoding === "base64") return Buffer.from(part.body.replace(/\s/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    return decodeBytes(
      part.body
        .replace(/=\r\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
    );
  }
  return part.body;
}

/** Checks the shape every message must have and returns its headers and its two decoded parts. */
export function readMessage(raw: string) {
  expect(raw.replace(/\r\n/g, ""), "only CRLF line ends").not.toMatch(/[\r\n]/);
  const message = parseMime(raw);
  expect(message.headers.get("mime-version")).toBe("1.0");
  const contentType = message.headers.get("content-type") ?? "";
  expect(contentType).toMatch(/^multipart\/alternative;/);
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  expect(message.body).toContain(`--${boundary}\r\n`);
  expect(message.body).toContain(`\r\n--${boundary}--`);
  const parts = message.body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => parseMime(part.replace(/^\r\n/, "")));
  const byType = (type: string) => {
    const part = parts.find((candidate) => candidate.headers.get("content-type")?.startsWith(type));
    if (!part) throw new Error(`no ${type} part`);
    expect(part.headers.get("content-type")).toMatch(/charset=utf-8/i);
    return decodeBody(part);
  };
  return {
    header: (name: string) => decodeHeader(message.headers.get(name.toLowerCase()) ?? ""),
    text: byType("text/plain"),
    html: byType("text/html"),
  };
}
