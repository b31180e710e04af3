import 'server-only';
import { addMember, codeTaken, getClass, getClassByCode, insertClass, membership, type ClassRecord } from '../db/class-store';
import { AppError } from '../errors';
import { log } from '../log';
import { newClassCode } from './class-code';

/** Creating classes and joining them. Anonymous learners keep their cookie session; joining only labels it. */

export function createClass(name: string): ClassRecord {
  for (let i = 0; i < 10; i++) {
    const code = newClassCode();
    if (!codeTaken(code)) {
      const created = insertClass(name, code);
      log.info('class created', { class: created.id, code });
      return created;
    }
  }
  throw new AppError('internal', 'Could not find a free class code. Please try again.');
}

export function requireClass(id: string): ClassRecord {
  const found = getClass(id);
  if (!found) throw new AppError('not_found', 'There is no class with that id.');
  return found;
}

export function joinClass(learner: string, code: string, displayName: string) {
  const found = getClassByCode(code);
  if (!found) throw new AppError('not_found', `No class has the code ${code}. Check it with your instructor.`);
  addMember(found.id, learner, displayName);
  log.info('learner joined class', { learner, class: found.id });
  return { class: { id: found.id, name: found.name }, displayName };
}

export type LearnerClassView = {
  class?: { id: string; name: string; displayName: string; visibleLessons?: string[] };
  buildsPaused: boolean;
  reason?: string;
};

/** What the learner's UI needs to know about their class (GET /api/me). */
export function learnerClassView(learner: string): LearnerClassView {
  const member = membership(learner);
  const cls = member && getClass(member.classId);
  if (!member || !cls) return { buildsPaused: false };
  return {
    class: { id: cls.id, name: cls.name, displayName: member.displayName, visibleLessons: cls.visibleLessons },
    buildsPaused: cls.buildsPaused,
    ...(cls.buildsPaused && { reason: pauseMessage(cls) }),
  };
}

export function pauseMessage(cls: Pick<ClassRecord, 'pauseReason'>) {
  return cls.pauseReason ? `Your instructor paused builds: ${cls.pauseReason}` : 'Your instructor paused builds for the class.';
}
