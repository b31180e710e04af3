import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { ClassDashboard } from '@/components/instructor/ClassDashboard';
import { instructorFromCookies } from '@/server/auth/guard';
import { classGrid } from '@/server/classroom/dashboard';
import { classIdSchema } from '@/server/classroom/params';
import { getClass } from '@/server/db/class-store';
import { listLessons } from '@/server/lessons';

export const metadata: Metadata = { title: 'Class dashboard' };
export const dynamic = 'force-dynamic';

export default async function ClassPage({ params }: { params: Promise<{ id: string }> }) {
  const session = await instructorFromCookies();
  if (!session) redirect('/instructor/login');
  const { id } = await params;
  const cls = classIdSchema.safeParse(id).success ? getClass(id) : undefined;
  if (!cls) notFound();
  const lessons = (await listLessons()).map(({ slug, title }) => ({ slug, title }));
  return <ClassDashboard initialClass={cls} initialGrid={await classGrid(cls)} allLessons={lessons} csrf={session.csrfToken} />;
}
