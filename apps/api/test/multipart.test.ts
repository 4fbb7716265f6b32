// The form reader (http/multipart.ts, decision 059) against what browsers and curl send, and against the
// web platform's own parser on the same bytes.
import { randomBytes } from "node:crypto";
import { DomainError } from "@stall/domain";
import { describe, expect, it } from "vitest";
import { formOf, multipartBoundary, parseMultipart, partText } from "../src/http/multipart.ts";

/** A form encoded as the platform encodes it (what a browser's FormData sends), with its boundary. */
async function encode(form: FormData): Promise<{ body: Buffer; boundary: string; contentType: string }> {
  const response = new Response(form);
  const contentType = response.headers.get("content-type") ?? "";
  const boundary = multipartBoundary(contentType);
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  return { body: Buffer.from(await response.arrayBuffer()), boundary, contentType };
}

/** The reason parseMultipart gives for refusing `body`. */
function refusal(body: string | Buffer, boundary = "XyZ"): string {
  try {
    parseMultipart(Buffer.isBuffer(body) ? body : Buffer.from(body, "latin1"), boundary);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("bad_request");
    return (error as DomainError).message;
  }
  throw new Error("the body was read");
}

describe("multipartBoundary", () => {
  it("reads the boundary, quoted or not, wherever the parameter sits", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxk")).toBe(
      "----WebKitFormBoundary7MA4YWxk",
    );
    expect(multipartBoundary('multipart/form-data; boundary="a b:c"')).toBe("a b:c");
    expect(multipartBoundary("multipart/form-data;charset=utf-8;BOUNDARY=xyz")).toBe("xyz");
    expect(multipartBoundary("multipart/form-data")).toBeUndefined();
    expect(multipartBoundary(`multipart/form-data; boundary=${"x".repeat(71)}`)).toBeUndefined();
  });
});

describe("parseMultipart", () => {
  it("reads a browser's form as the platform's parser does: files, text, names and bytes", async () => {
    const photo = randomBytes(200_000);
    const form = new FormData();
    form.append("file", new File([photo], "Café 1.jpg", { type: "image/jpeg" }));
    form.append("alt", "Blue mug, hand-thrown — 蓝色杯子");
    form.append("empty", new File([], "", { type: "application/octet-stream" }));
    const { body, boundary, contentType } = await encode(form);

    const parts = parseMultipart(body, boundary);
    const platform = await new Request("http://x/", { method: "POST", headers: { "content-type": contentType }, body })
      .formData()
      .then((data) => [...data.entries()]);
    expect(parts.map((part) => part.name)).toEqual(platform.map(([name]) => name));

    const read = formOf(parts);
    const file = read.file("file");
    const platformFile = platform[0]?.[1];
    expect(platformFile).toBeInstanceOf(File);
    expect(file?.filename).toBe((platformFile as File).name);
    expect(file?.filename).toBe("Café 1.jpg");
    expect(file?.contentType).toBe("image/jpeg");
    expect(file?.data.equals(photo)).toBe(true);
    // A view into the body, not a copy.
    expect(file?.data.buffer).toBe(body.buffer);
    expect(read.text("alt")).toBe(platform[1]?.[1]);
    // The platform sends a file with no name without a filename: both read it as an empty text field.
    expect(read.text("empty")).toBe(platform[2]?.[1]);
    expect(read.text("empty")).toBe("");
    // A text field is not a file, and a file is not a text field.
    expect(read.file("alt")).toBeUndefined();
    expect(read.text("file")).toBeUndefined();
    expect(read.file("missing")).toBeUndefined();
  });

  it("finds the boundary only where it is a boundary: bytes that nearly match stay in the file", async () => {
    const form = new FormData();
    const probe = await encode(form);
    // A file holding the boundary without its line break, and the line break with a near boundary.
    const tricky = Buffer.concat([
      Buffer.from(`--${probe.boundary}`),
      Buffer.from(`\r\n--${probe.boundary.slice(0, -1)}`),
      Buffer.from("\r\n\r\n--\r\n"),
      randomBytes(10_000),
    ]);
    const withFile = new FormData();
    withFile.append("file", new File([tricky], "tricky.bin"));
    const { body, boundary } = await encode(withFile);
    expect(formOf(parseMultipart(body, boundary)).file("file")?.data.equals(tricky)).toBe(true);
  });

  it("takes the first of two fields of one name, as FormData.get does", async () => {
    const form = new FormData();
    form.append("alt", "first");
    form.append("alt", "second");
    form.append("file", new File(["a"], "a.txt"));
    form.append("file", new File(["b"], "b.txt"));
    const { body, boundary } = await encode(form);
    const read = formOf(parseMultipart(body, boundary));
    expect(read.text("alt")).toBe("first");
    expect(read.file("file")?.filename).toBe("a.txt");
  });

  it("reads what curl and hand-written clients send: a preamble, quoted escapes, bare names, an epilogue", () => {
    const body = [
      "This preamble is ignored.",
      "--XyZ",
      'Content-Disposition: form-data; name=file; filename="say \\"cheese\\".jpg"',
      "content-type: image/jpeg",
      "",
      "JPEGBYTES",
      "--XyZ  ",
      'CONTENT-DISPOSITION: Form-Data; Name="alt"',
      "",
      "\u00ef\u00bb\u00bfa mug",
      "--XyZ",
      'Content-Disposition: form-data; name="nothing chosen"; filename=""',
      "Content-Type: application/octet-stream",
      "",
      "",
      "--XyZ--",
      "an epilogue, also ignored",
    ].join("\r\n");
    const parts = parseMultipart(Buffer.from(body, "latin1"), "XyZ");
    expect(parts.map(({ name, filename, contentType }) => ({ name, filename, contentType }))).toEqual([
      { name: "file", filename: 'say "cheese".jpg', contentType: "image/jpeg" },
      { name: "alt", filename: undefined, contentType: undefined },
      // What a browser sends for a file input left empty: a file with no name and no bytes.
      { name: "nothing chosen", filename: "", contentType: "application/octet-stream" },
    ]);
    expect(parts[2]?.data.byteLength).toBe(0);
    expect(parts[0]?.data.toString()).toBe("JPEGBYTES");
    // A leading byte-order mark is dropped, as File#text() drops it.
    expect(partText(parts[1] as (typeof parts)[number])).toBe("a mug");
  });

  it("refuses what is not a whole form with a 400 that says what is wrong", () => {
    expect(refusal("just some bytes")).toBe("The form could not be read: its boundary is not in the body");
    expect(refusal("")).toBe("The form could not be read: its boundary is not in the body");
    // Cut off: in a part's data, in its headers, right after a boundary.
    expect(refusal('--XyZ\r\nContent-Disposition: form-data; name="file"\r\n\r\nhalf a photo')).toBe(
      "The form could not be read: it ends before its last boundary",
    );
    expect(refusal('--XyZ\r\nContent-Disposition: form-data; name="file"')).toBe(
      "The form could not be read: a part's headers do not end",
    );
    expect(refusal("--XyZ")).toBe("The form could not be read: it ends before its last boundary");
    expect(refusal('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--XyZ')).toBe(
      "The form could not be read: it ends before its last boundary",
    );
    // Parts that are not form fields.
    expect(refusal("--XyZ\r\n\r\nno headers\r\n--XyZ--")).toBe("The form could not be read: a part is not form-data");
    expect(refusal('--XyZ\r\nContent-Disposition: attachment; name="a"\r\n\r\nx\r\n--XyZ--')).toBe(
      "The form could not be read: a part is not form-data",
    );
    expect(refusal('--XyZ\r\nContent-Disposition: form-data; filename="a.jpg"\r\n\r\nx\r\n--XyZ--')).toBe(
      "The form could not be read: a part has no name",
    );
    // Headers without end, and more parts than any form of ours.
    expect(refusal(`--XyZ\r\nX-Pad: ${"a".repeat(20_000)}\r\n\r\nx\r\n--XyZ--`)).toBe(
      "The form could not be read: a part's headers do not end",
    );
    const many = `${Array.from({ length: 65 }, (_, index) => `--XyZ\r\nContent-Disposition: form-data; name="f${index}"\r\n\r\nx\r\n`).join("")}--XyZ--`;
    expect(refusal(many)).toBe("The form could not be read: it has more than 64 parts");
  });

  it("reads a 12 MB form without copying the file out of the body", async () => {
    const photo = randomBytes(12 * 1024 * 1024);
    const form = new FormData();
    form.append("file", new File([photo], "big.jpg", { type: "image/jpeg" }));
    const { body, boundary } = await encode(form);
    const before = process.memoryUsage().arrayBuffers;
    const file = formOf(parseMultipart(body, boundary)).file("file");
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(file?.data.byteLength).toBe(photo.byteLength);
    expect(file?.data.equals(photo)).toBe(true);
  });
});
