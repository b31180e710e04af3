import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { InstructorLogin } from '@/components/instructor/InstructorLogin';
import { instructorFromCookies } from '@/server/auth/guard';

export const metadata: Metadata = { title: 'Instructor sign-in' };
export const dynamic = 'force-dynamic';

export default async function InstructorLoginPage() {
  if (await instructorFromCookies()) redirect('/instructor');
  return <InstructorLogin />;
}
