// The outbox of a server run without SMTP_URL (DATA_DIR/outbox, one .eml file per message): suites
// that attack the server over HTTP read the messages it "sent" there and follow their links.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type OutboxMessage = { file: string; to: string; subject: string; body: string };

/** Undoes quoted-printable (soft line breaks, =XX escapes), enough to read the text and its links. */
function decodeQuotedPrintable(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Every message in `dataDir`'s outbox. */
export function outboxMessages(dataDir: string): OutboxMessage[] {
  const directory = path.join(dataDir, 'outbox');
  let files: string[];
  try {
    files = readdirSync(directory).filter((name) => name.endsWith('.eml'));
  } catch {
    return [];
  }
  return files.map((name) => {
    const eml = readFileSync(path.join(directory, name), 'utf8');
    const header = (field: string) => new RegExp(`^${field}: (.*)$`, 'mi').exec(eml)?.[1]?.trim() ?? '';
    return { file: name, to: header('To'), subject: header('Subject'), body: decodeQuotedPrintable(eml) };
  });
}

/** The tokens of the app links to `pathname` in the messages to `to` whose subject matches. */
export function outboxTokens(dataDir: string, to: string, subject: RegExp, pathname: string): string[] {
  const link = new RegExp(`https?://[^\\s/"<>]+${pathname}\\?token=([^\\s"<>&]+)`);
  return outboxMessages(dataDir)
    .filter((message) => message.to === to && subject.test(message.subject))
    .map((message) => decodeURIComponent(link.exec(message.body)?.[1] ?? ''))
    .filter(Boolean);
}
