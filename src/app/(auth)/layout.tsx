import type { ReactNode } from 'react';
import { Brand } from '@/components/brand';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <main className="auth-screen">
      <div className="mb-8">
        <Brand href="/" />
      </div>
      <div className="panel w-full max-w-md p-6 sm:p-8">{children}</div>
    </main>
  );
}
