import type { Metadata } from 'next';
import { CodeForm } from '@/components/join/CodeForm';
import { JoinForm } from '@/components/join/JoinForm';
import { classCodeSchema } from '@/server/classroom/class-code';
import { getClassByCode, membership } from '@/server/db/class-store';
import { currentLearner } from '@/server/session';

export const metadata: Metadata = { title: 'Join a class' };
export const dynamic = 'force-dynamic';

export default async function JoinCodePage({ params }: { params: Promise<{ code: string }> }) {
  const parsed = classCodeSchema.safeParse(decodeURIComponent((await params).code));
  const cls = parsed.success ? getClassByCode(parsed.data) : undefined;
  if (!cls) return <CodeForm error="No class has that code. Check it with your instructor." />;
  const member = membership(await currentLearner());
  return <JoinForm code={cls.code} className={cls.name} currentName={member?.classId === cls.id ? member.displayName : undefined} />;
}
