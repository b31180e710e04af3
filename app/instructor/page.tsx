import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import styles from '@/components/instructor/instructor.module.css';
import { ClassList } from '@/components/instructor/ClassList';
import { ImageWarmup } from '@/components/instructor/ImageWarmup';
import { SignOutButton } from '@/components/instructor/SignOutButton';
import { instructorFromCookies } from '@/server/auth/guard';
import { listClasses } from '@/server/db/class-store';

export const metadata: Metadata = { title: 'Instructor' };
export const dynamic = 'force-dynamic';

export default async function InstructorPage() {
  const session = await instructorFromCookies();
  if (!session) redirect('/instructor/login');
  return (
    <div className={styles.page}>
      <header className={styles.pageHeader}>
        <div>
          <p className={styles.eyebrow}>Instructor</p>
          <h1>Your classes</h1>
        </div>
        <SignOutButton csrf={session.csrfToken} />
      </header>
      <div className={styles.layout}>
        <ClassList classes={listClasses()} csrf={session.csrfToken} />
        <ImageWarmup csrf={session.csrfToken} />
      </div>
    </div>
  );
}
