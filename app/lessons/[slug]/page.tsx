import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { notFound } from 'next/navigation';
import { LessonCheck } from '@/components/lesson/LessonCheck';
import { LessonMarkdown } from '@/components/lesson/LessonMarkdown';
import { LessonNav } from '@/components/lesson/LessonNav';
import { LessonProblems } from '@/components/lesson/LessonProblems';
import { LessonSplit } from '@/components/lesson/LessonSplit';
import { SkipLinks } from '@/components/workbench/SkipLinks';
import { Workbench } from '@/components/workbench/Workbench';
import { WorkbenchProvider } from '@/components/workbench/WorkbenchProvider';
import { FollowVisibleLessons } from '@/components/course/FollowVisibleLessons';
import { lessonSlugSchema } from '@/lib/lesson-slug';
import { learnerClassView } from '@/server/classroom/classes';
import { getWorkspace } from '@/server/db/workspaces';
import { getLesson, LessonContentError, type Lesson } from '@/server/lessons';
import { currentLearner } from '@/server/session';
import { preloadMonaco } from './monaco-preload';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ slug: string }> };

/** The lesson; its content problems when its folder exists but does not load; undefined when there is none. */
async function load(slug: string): Promise<Lesson | LessonContentError | undefined> {
  if (!lessonSlugSchema.safeParse(slug).success) return undefined;
  try {
    return await getLesson(slug);
  } catch (err) {
    if (err instanceof LessonContentError) return err;
    throw err;
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const lesson = await load((await params).slug);
  if (lesson instanceof LessonContentError) return { title: 'Lesson cannot be shown' };
  return lesson ? { title: lesson.title, description: lesson.description } : {};
}

export default async function LessonPage({ params }: Props) {
  const { slug } = await params;
  const lesson = await load(slug);
  if (!lesson) notFound();
  if (lesson instanceof LessonContentError) return <LessonProblems slug={slug} issues={lesson.issues} />;
  const learner = await currentLearner();
  const visible = learnerClassView(learner).class?.visibleLessons;
  if (visible && !visible.includes(slug)) {
    return (
      <div className="course">
        <FollowVisibleLessons rendered={visible} />
        <h1>Not open yet</h1>
        <p className="muted">Your instructor has not opened this lesson for your class yet.</p>
        <p>
          <Link href="/">Back to the course</Link>
        </p>
      </div>
    );
  }
  preloadMonaco();
  // The saved workspace comes with the page, so a reload shows the learner's files at once (no flash of the starter).
  const saved = getWorkspace(learner, slug);

  return (
    <WorkbenchProvider
      lesson={slug}
      starter={{ files: lesson.files, tag: lesson.tag, open: lesson.open }}
      coachOff={lesson.coachOff}
      saved={saved && { files: saved.files, tag: saved.tag, lastBuildId: saved.lastBuildId, lastRunId: saved.lastRunId }}
    >
      <FollowVisibleLessons rendered={visible} />
      <SkipLinks hasCheck />
      <div className="lesson-page">
        <LessonSplit
          lesson={
            // A Suspense boundary that never suspends: React hydrates what is inside it after the rest
            // (at offscreen priority), so the editor takes input sooner; a click inside hydrates it at once.
            <Suspense>
            <article className="lesson" aria-labelledby="lesson-title">
              <header className="lesson-header">
                <p className="lesson-kicker">Lesson {lesson.order}</p>
                <h1 id="lesson-title">{lesson.title}</h1>
                <p className="lesson-description">{lesson.description}</p>
                {lesson.checks.length > 0 && (
                  <section className="lesson-goals" aria-labelledby="lesson-goals-title">
                    <h2 id="lesson-goals-title">Your goals</h2>
                    <ul>
                      {lesson.checks.map((c) => (
                        <li key={c.id}>{c.title}</li>
                      ))}
                    </ul>
                  </section>
                )}
              </header>
              <LessonMarkdown body={lesson.body} />
              <LessonNav prev={lesson.prev} next={lesson.next} />
            </article>
            </Suspense>
          }
          workbench={
            <Workbench
              check={
                <LessonCheck
                  slug={slug}
                  goals={lesson.checks.map((c) => ({ id: c.id, title: c.title }))}
                  hints={lesson.hints}
                  next={lesson.next && { slug: lesson.next.slug, title: lesson.next.title }}
                />
              }
            />
          }
        />
      </div>
    </WorkbenchProvider>
  );
}
