// The mail transport, the only module that imports nodemailer. With SMTP_URL mail goes to an SMTP
// server; without it each message is written as an RFC 822 .eml file, so local dev and tests need
// no mail service and a person can open what would have been sent.
import { randomBytes } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  from?: string;
  /**
   * A display name for the platform's own sender address (a shop's name on its buyers' emails). The
   * address stays the platform's, so the mail passes SPF/DKIM; the name is cleaned and encoded here.
   */
  fromName?: string;
  /** Where the recipient's reply goes (the shop's contact address). */
  replyTo?: string;
  headers?: Record<string, string>;
  /**
   * A stable id for this message (the notification's id). Sending it again is then the same message:
   * the Message-ID is `<id@sender's domain>`, so mail servers and clients can drop the copy, and the
   * .eml mailer writes `id.eml`, so a second delivery replaces the file instead of adding one.
   */
  id?: string;
};

export type Mailer = {
  send(message: MailMessage): Promise<{ messageId: string }>;
};

/**
 * The mail server refused the message for good (a 5xx reply to the recipient: no such mailbox).
 * Retrying cannot help; anything else a mailer throws is worth another try later.
 */
export class MailRejectedError extends Error {
  readonly isPermanent = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MailRejectedError";
  }
}

export type MailerOptions = {
  /** `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://user:pass@host:465`. */
  smtpUrl?: string | undefined;
  /** Where .eml files go when there is no SMTP URL. */
  mailDir: string;
  /** Default sender, e.g. `Stall <hello@example.com>`. */
  from: string;
};

// nodemailer's defaults wait up to 10 minutes on a silent socket: longer than a worker's lease.
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl
    ? createSmtpMailer(options.smtpUrl, options.from)
    : createFileMailer(options.mailDir, options.from);
}

function createSmtpMailer(smtpUrl: string, from: string): Mailer {
  let protocol: string;
  try {
    protocol = new URL(smtpUrl).protocol;
  } catch {
    // Never echo the URL: it holds the SMTP password.
    throw new Error(
      "The SMTP URL is not a valid URL; expected smtp://user:pass@host:587 or smtps://user:pass@host:465",
    );
  }
  if (protocol !== "smtp:" && protocol !== "smtps:") {
    throw new Error(`The SMTP URL must start with smtp:// or smtps:// (got ${protocol}//)`);
  }
  const transport = nodemailer.createTransport({ url: smtpUrl, ...SMTP_TIMEOUTS }, { from });
  const platformAddress = addressOf(from);
  return {
    async send(message) {
      try {
        const info = await transport.sendMail(toNodemailer(message, platformAddress));
        return { messageId: info.messageId };
      } catch (error) {
        throw isRecipientRejected(error)
          ? new MailRejectedError(`The mail server refused the recipient (${error.responseCode})`, { cause: error })
          : error;
      }
    },
  };
}

/** A 5xx reply to RCPT TO (nodemailer's EENVELOPE): the address does not take mail. */
function isRecipientRejected(error: unknown): error is Error & { responseCode: number } {
  if (!(error instanceof Error)) return false;
  const { responseCode, command } = error as Error & { responseCode?: unknown; command?: unknown };
  return (
    typeof responseCode === "number" &&
    responseCode >= 500 &&
    responseCode < 600 &&
    typeof command === "string" &&
    /^RCPT\b/i.test(command)
  );
}

function createFileMailer(mailDir: string, from: string): Mailer {
  // CRLF line ends: an .eml file is the message as it would travel over SMTP.
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "windows" }, { from });
  const platformAddress = addressOf(from);
  return {
    async send(message) {
      const info = await transport.sendMail(toNodemailer(message, platformAddress));
      if (!Buffer.isBuffer(info.message)) throw new Error("nodemailer returned a stream, expected a buffer");
      await mkdir(mailDir, { recursive: true });
      const name =
        message.id === undefined
          ? `${new Date().toISOString().replace(/[:.]/g, "-")}-${safeFileName(info.messageId)}.eml`
          : `${safeFileName(message.id)}.eml`;
      const path = join(mailDir, name);
      // Write then rename, so a reader of the directory never sees half a message (and a second
      // delivery of the same id replaces the first whole). The temporary
      // name starts with a dot and does not end in .eml, so it is never mistaken for mail.
      const temporary = join(mailDir, `.${name}.${randomBytes(6).toString("hex")}.tmp`);
      try {
        await writeFile(temporary, info.message);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
      return { messageId: info.messageId };
    },
  };
}

/** The bare address of a sender like `Stall <no-reply@example.com>`. */
function addressOf(from: string): string {
  const [first] = addressparser(from, { flatten: true });
  if (!first?.address) throw new Error(`MAIL_FROM has no email address in it: ${JSON.stringify(from)}`);
  return first.address;
}

/**
 * A display name safe for a From header: control characters (a newline would start a new header)
 * become spaces, and it is cut to a length mail clients show. Quotes, commas and non-ASCII letters stay:
 * nodemailer quotes or RFC 2047-encodes the name because it is passed apart from the address.
 */
export function displayName(name: string): string {
  return [
    ...name
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we take out
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  ]
    .slice(0, 78)
    .join("");
}

function toNodemailer(message: MailMessage, platformAddress: string) {
  const name = message.fromName === undefined ? "" : displayName(message.fromName);
  return {
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    ...(message.from ? { from: message.from } : {}),
    ...(name && !message.from ? { from: { name, address: platformAddress } } : {}),
    ...(message.replyTo ? { replyTo: message.replyTo } : {}),
    ...(message.headers ? { headers: message.headers } : {}),
    ...(message.id ? { messageId: `<${safeFileName(message.id)}@${platformAddress.split("@").pop()}>` } : {}),
  };
}

/** `<0c9e…@example.com>` -> `0c9e…_example.com`: letters, digits, dot, dash and underscore only. */
function safeFileName(messageId: string): string {
  const safe = messageId
    .replace(/^<|>$/g, "")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^\.+/, "");
  return safe.slice(0, 120) || randomBytes(8).toString("hex");
}
