// Composes the app's messages: plain text and simple, accessible HTML with the app's name, every link
// absolute on APP_URL. What a message says is the caller's; how every message looks is decided here.
import 'server-only';
import { z } from 'zod';
import { env } from '@/lib/env';

export const APP_NAME = 'Pawprint';

/** A message ready to send: what the send-mail job carries, sealed. */
export const mailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1).max(200),
  text: z.string().min(1).max(20_000),
  html: z.string().min(1).max(40_000),
  /** The one-click unsubscribe URL of a recurring message (RFC 8058): its List-Unsubscribe header. */
  unsubscribeUrl: z.url({ protocol: /^https?$/ }).optional(),
});

export type MailMessage = z.infer<typeof mailMessage>;

export type MailContent = {
  to: string;
  subject: string;
  /** Paragraphs of plain text, in order. */
  paragraphs: string[];
  /** One call to action: its label and a path on the app (e.g. `/reset-password?token=…`). */
  action?: { label: string; path: string };
  /** A bulleted list after the paragraphs, each entry a link to a path on the app (a digest's items). */
  list?: { label: string; path: string }[];
  /** A recurring message's unsubscribe page (path on the app): linked at the end and in the headers. */
  unsubscribePath?: string;
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Builds the text and HTML of a message; links point at APP_URL. */
export function composeMail(content: MailContent): MailMessage {
  const appUrl = env().appUrl;
  const paths = [content.action?.path, content.unsubscribePath, ...(content.list ?? []).map((entry) => entry.path)];
  if (paths.some((path) => path !== undefined && !path.startsWith('/')))
    throw new Error('a mail link is a path on the app');
  const link = content.action ? `${appUrl}${content.action.path}` : undefined;
  const list = (content.list ?? []).map((entry) => ({ label: entry.label, url: `${appUrl}${entry.path}` }));
  const unsubscribeUrl = content.unsubscribePath ? `${appUrl}${content.unsubscribePath}` : undefined;
  const unsubscribeText = 'To stop these emails, turn off email reminders';
  const signature = `— ${APP_NAME}, ${appUrl}`;

  const text = [
    ...content.paragraphs,
    ...(list.length > 0 ? [list.map((entry) => `- ${entry.label}: ${entry.url}`).join('\n')] : []),
    ...(content.action && link ? [`${content.action.label}: ${link}`] : []),
    ...(unsubscribeUrl ? [`${unsubscribeText}: ${unsubscribeUrl}`] : []),
    signature,
  ].join('\n\n');

  const paragraphs = content.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`);
  const action =
    content.action && link
      ? [
          `<p><a href="${escapeHtml(link)}">${escapeHtml(content.action.label)}</a></p>`,
          `<p>If the link does not open, copy this address into your browser:<br>${escapeHtml(link)}</p>`,
        ]
      : [];
  const listHtml =
    list.length > 0
      ? [
          '<ul>',
          ...list.map((entry) => `<li><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.label)}</a></li>`),
          '</ul>',
        ]
      : [];
  const unsubscribeHtml = unsubscribeUrl
    ? [`<p style="color: #555;">${unsubscribeText}: <a href="${escapeHtml(unsubscribeUrl)}">unsubscribe</a>.</p>`]
    : [];
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    `<h1 style="font-size: 20px;">${escapeHtml(APP_NAME)}</h1>`,
    ...paragraphs,
    ...listHtml,
    ...action,
    ...unsubscribeHtml,
    `<p style="color: #555;">— <a href="${escapeHtml(appUrl)}">${escapeHtml(APP_NAME)}</a></p>`,
    '</body></html>',
  ].join('\n');

  return { to: content.to, subject: content.subject, text, html, ...(unsubscribeUrl ? { unsubscribeUrl } : {}) };
}
