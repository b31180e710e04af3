import type { Metadata } from 'next';
import { CodeForm } from '@/components/join/CodeForm';

export const metadata: Metadata = { title: 'Join a class' };

export default function JoinPage() {
  return <CodeForm />;
}
