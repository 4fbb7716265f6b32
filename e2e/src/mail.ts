// The stack writes every email as an .eml file under {dataDir}/mail; tests read them as a person reads
// their inbox.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Every email sent to `recipient` so far, oldest first, with the body's quoted-printable soft breaks undone. */
export async function emailsTo(dataDir: string, recipient: string): Promise<string[]> {
  const dir = join(dataDir, "mail");
  const files = (await readdir(dir).catch(() => [] as string[])).filter((file) => file.endsWith(".eml")).sort();
  const mails = await Promise.all(files.map((file) => readFile(join(dir, file), "utf8")));
  return mails.filter((mail) => mail.includes(`To: ${recipient}`)).map(unfold);
}

/** The subject line of an email, decoded when it is RFC 2047 encoded (UTF-8, B or Q). */
export function subjectOf(mail: string): string {
  const raw = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail)?.[1] ?? "";
  return raw
    .replace(/\r?\n[ \t]/g, "")
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_match, kind: string, text: string) =>
      kind.toLowerCase() === "b"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text
              .replace(/_/g, " ")
              .replace(/=([0-9a-f]{2})/gi, (_hex, code: string) => String.fromCharCode(Number.parseInt(code, 16))),
            "latin1",
          ).toString("utf8"),
    );
}

/** The first link containing `path` in the newest email to `recipient`, waiting up to 15 s for the outbox. */
export async function newestLinkTo(dataDir: string, recipient: string, path: string): Promise<string> {
  const pattern = new RegExp(`https?://[^\\s"<>]*${path.replace(/[?]/g, "\\?")}[^\\s"<>]*`);
  for (let tries = 0; tries < 150; tries += 1) {
    for (const mail of (await emailsTo(dataDir, recipient)).reverse()) {
      const link = pattern.exec(mail)?.[0];
      if (link) return link.replace(/&amp;/g, "&");
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No email to ${recipient} with ${path}`);
}

/** Undoes quoted-printable soft line breaks in the body; the headers are left as they are. */
function unfold(mail: string): string {
  const bodyStart = mail.search(/\r?\n\r?\n/);
  if (bodyStart < 0) return mail;
  return (
    mail.slice(0, bodyStart) +
    mail
      .slice(bodyStart)
      .replace(/=\r?\n/g, "")
      .replace(/=3D/g, "=")
  );
}
