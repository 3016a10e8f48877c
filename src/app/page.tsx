import { redirect } from 'next/navigation';
import { getSessionUser } from '@/data/session';

export default async function HomePage() {
  redirect((await getSessionUser()) ? '/pets' : '/login');
}
