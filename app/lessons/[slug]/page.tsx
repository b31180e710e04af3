import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LessonMarkdown } from '@/components/lesson/LessonMarkdown';
import { LessonNav } from '@/components/lesson/LessonNav';
import { LessonSplit } from '@/components/lesson/LessonSplit';
import { Workbench } from '@/components/workbench/Workbench';
import { WorkbenchProvider } from '@/components/workbench/WorkbenchProvider';
import { lessonSlugSchema } from '@/lib/lesson-slug';
import { getWorkspace } from '@/server/db/workspaces';
import { getLesson } from '@/server/lessons';
import { currentLearner } from '@/server/session';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

async function load(slug: string) {
  if (!lessonSlugSchema.safeParse(slug).success) return undefined;
  return getLesson(slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lesson = await load((await params).slug);
  return lesson ? { title: lesson.title, description: lesson.description } : {};
}

export default async function LessonPage({ params }: Props) {
  const { slug } = await params;
  const lesson = await load(slug);
  if (!lesson) notFound();
  // The saved workspace comes with the page, so a reload shows the learner's files at once (no flash of the starter).
  const saved = getWorkspace(await currentLearner(), slug);

  return (
    <WorkbenchProvider
      lesson={slug}
      starter={{ files: lesson.files, tag: lesson.tag, open: lesson.open }}
      saved={saved && { files: saved.files, tag: saved.tag, lastBuildId: saved.lastBuildId, lastRunId: saved.lastRunId }}
    >
      <div className="lesson-page">
        <LessonSplit
          lesson={
            <article className="lesson" aria-labelledby="lesson-title">
              <header className="lesson-header">
                <p className="lesson-kicker">Lesson {lesson.order}</p>
                <h1 id="lesson-title">{lesson.title}</h1>
                <p className="lesson-description">{lesson.description}</p>
              </header>
              <LessonMarkdown body={lesson.body} />
              <LessonNav prev={lesson.prev} next={lesson.next} />
            </article>
          }
          // The "Check my work" panel (components/CheckPanel.tsx) mounts here: <Workbench check={<CheckPanel … />} />
          workbench={<Workbench />}
        />
      </div>
    </WorkbenchProvider>
  );
}
