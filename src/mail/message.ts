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
});

export type MailMessage = z.infer<typeof mailMessage>;

export type MailContent = {
  to: string;
  subject: string;
  /** Paragraphs of plain text, in order. */
  paragraphs: string[];
  /** One call to action: its label and a path on the app (e.g. `/reset-password?token=…`). */
  action?: { label: string; path: string };
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Builds the text and HTML of a message; links point at APP_URL. */
export function composeMail(content: MailContent): MailMessage {
  const appUrl = env().appUrl;
  if (content.action && !content.action.path.startsWith('/')) throw new Error('a mail action is a path on the app');
  const link = content.action ? `${appUrl}${content.action.path}` : undefined;
  const signature = `— ${APP_NAME}, ${appUrl}`;

  const text = [
    ...content.paragraphs,
    ...(content.action && link ? [`${content.action.label}: ${link}`] : []),
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
  const html = [
    '<!doctype html>',
    `<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family: system-ui, sans-serif; font-size: 16px; line-height: 1.5; color: #1a1a1a;">',
    `<h1 style="font-size: 20px;">${escapeHtml(APP_NAME)}</h1>`,
    ...paragraphs,
    ...action,
    `<p style="color: #555;">— <a href="${escapeHtml(appUrl)}">${escapeHtml(APP_NAME)}</a></p>`,
    '</body></html>',
  ].join('\n');

  return { to: content.to, subject: content.subject, text, html };
}
