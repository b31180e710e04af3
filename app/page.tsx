import { BrokenLessonsNotice } from '@/components/course/BrokenLessonsNotice';
import { FollowVisibleLessons } from '@/components/course/FollowVisibleLessons';
import { LessonList, type LessonStatus } from '@/components/course/LessonList';
import { learnerClassView } from '@/server/classroom/classes';
import { lessonStates } from '@/server/db/workspaces';
import { lessonErrors, listLessons } from '@/server/lessons';
import { currentLearner } from '@/server/session';

export const dynamic = 'force-dynamic';

export default async function CoursePage() {
  // A broken lesson is left out of the list and named in a notice; the rest of the course works.
  const [lessons, broken, learner] = await Promise.all([listLessons(), lessonErrors(), currentLearner()]);
  const states = lessonStates(learner);
  const membership = learnerClassView(learner);
  // A class may open only some lessons; everyone else sees the whole course.
  const visible = membership.class?.visibleLessons && new Set(membership.class.visibleLessons);
  const items = lessons
    .filter((l) => !visible || visible.has(l.slug))
    .map((l) => ({ ...l, status: (states[l.slug] ?? 'not_started') as LessonStatus }));
  const done = items.filter((l) => l.status === 'done').length;
  return (
    <div className="course">
      <FollowVisibleLessons rendered={membership.class?.visibleLessons} />
      <section className="course-hero">
        <h1>Learn Dockerfiles by building real images</h1>
        <p>
          Each lesson pairs a short read with a workbench: edit a Dockerfile, press Build, and watch a real Docker engine build and run your
          image in a private sandbox.
        </p>
      </section>
      {membership.class && (
        <p className="course-class" role="status">
          You are in <strong>{membership.class.name}</strong> as {membership.class.displayName}.
          {membership.buildsPaused && <span className="inline-error"> {membership.reason}</span>}
        </p>
      )}
      <section aria-labelledby="course-lessons">
        <div className="course-heading">
          <h2 id="course-lessons">Lessons</h2>
          <span className="muted">
            {done} of {items.length} done
          </span>
        </div>
        <BrokenLessonsNotice broken={broken} />
        <LessonList lessons={items} />
      </section>
    </div>
  );
}
