import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { GeistSans } from 'geist/font/sans';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Pawprint', template: '%s · Pawprint' },
  description: 'Keep your pets’ profiles and photos in one place.',
};

export const viewport: Viewport = { themeColor: '#0f766e' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page dynamic, so each gets this request's CSP nonce
  // (Next applies it to its own scripts from the request's policy header).
  await headers();
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="min-h-dvh font-sans">{children}</body>
    </html>
  );
}
