import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from './database';

/** Classes, their settings and their members. A learner belongs to at most one class. */

export type ClassSettings = {
  /** Slugs learners of this class see; undefined = every lesson. */
  visibleLessons?: string[];
  /** Builds the whole class may have queued or running at once; undefined = no class limit. */
  maxConcurrentBuilds?: number;
  buildsPaused: boolean;
  pauseReason?: string;
};

export type ClassRecord = ClassSettings & { id: string; name: string; code: string; createdAt: number };
export type Member = { learner: string; displayName: string; joinedAt: number };

type Row = {
  id: string;
  name: string;
  code: string;
  visible_lessons: string | null;
  max_concurrent_builds: number | null;
  builds_paused: number;
  pause_reason: string | null;
  created_at: number;
};

const toRecord = (r: Row): ClassRecord => ({
  id: r.id,
  name: r.name,
  code: r.code,
  visibleLessons: r.visible_lessons ? JSON.parse(r.visible_lessons) : undefined,
  maxConcurrentBuilds: r.max_concurrent_builds ?? undefined,
  buildsPaused: r.builds_paused === 1,
  pauseReason: r.pause_reason ?? undefined,
  createdAt: r.created_at,
});

export function insertClass(name: string, code: string): ClassRecord {
  const id = `c_${randomBytes(6).toString('hex')}`;
  db().prepare('INSERT INTO classes (id, name, code, created_at) VALUES (?, ?, ?, ?)').run(id, name, code, Date.now());
  return getClass(id)!;
}

export function codeTaken(code: string): boolean {
  return !!db().prepare('SELECT 1 FROM classes WHERE code = ?').get(code);
}

export function getClass(id: string): ClassRecord | undefined {
  const row = db().prepare('SELECT * FROM classes WHERE id = ?').get(id) as Row | undefined;
  return row && toRecord(row);
}

export function getClassByCode(code: string): ClassRecord | undefined {
  const row = db().prepare('SELECT * FROM classes WHERE code = ?').get(code) as Row | undefined;
  return row && toRecord(row);
}

export function listClasses(): (ClassRecord & { members: number })[] {
  const rows = db()
    .prepare(
      `SELECT c.*, (SELECT COUNT(*) FROM class_members m WHERE m.class_id = c.id) AS members
       FROM classes c ORDER BY c.created_at DESC`,
    )
    .all() as (Row & { members: number })[];
  return rows.map((r) => ({ ...toRecord(r), members: r.members }));
}

export function updateClass(id: string, patch: Partial<ClassSettings> & { name?: string }) {
  const sets: string[] = [];
  const values: unknown[] = [];
  const set = (column: string, value: unknown) => {
    sets.push(`${column} = ?`);
    values.push(value);
  };
  if (patch.name !== undefined) set('name', patch.name);
  if ('visibleLessons' in patch) set('visible_lessons', patch.visibleLessons ? JSON.stringify(patch.visibleLessons) : null);
  if ('maxConcurrentBuilds' in patch) set('max_concurrent_builds', patch.maxConcurrentBuilds ?? null);
  if (patch.buildsPaused !== undefined) set('builds_paused', patch.buildsPaused ? 1 : 0);
  if ('pauseReason' in patch) set('pause_reason', patch.pauseReason || null);
  if (sets.length)
    db()
      .prepare(`UPDATE classes SET ${sets.join(', ')} WHERE id = ?`)
      .run(...values, id);
  return getClass(id);
}

export function deleteClass(id: string) {
  db().prepare('DELETE FROM classes WHERE id = ?').run(id);
}

/** Puts the learner in the class (moving them from any other) under a display name. */
export function addMember(classId: string, learner: string, displayName: string) {
  db()
    .prepare(
      `INSERT INTO class_members (learner, class_id, display_name, joined_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (learner) DO UPDATE SET class_id = excluded.class_id, display_name = excluded.display_name,
         joined_at = CASE WHEN class_members.class_id = excluded.class_id THEN class_members.joined_at ELSE excluded.joined_at END`,
    )
    .run(learner, classId, displayName, Date.now());
}

export function membership(learner: string): (Member & { classId: string }) | undefined {
  const row = db().prepare('SELECT class_id, display_name, joined_at FROM class_members WHERE learner = ?').get(learner) as
    { class_id: string; display_name: string; joined_at: number } | undefined;
  return row && { learner, classId: row.class_id, displayName: row.display_name, joinedAt: row.joined_at };
}

export function roster(classId: string): Member[] {
  const rows = db()
    .prepare(
      'SELECT learner, display_name, joined_at FROM class_members WHERE class_id = ? ORDER BY display_name COLLATE NOCASE, joined_at',
    )
    .all(classId) as { learner: string; display_name: string; joined_at: number }[];
  return rows.map((r) => ({ learner: r.learner, displayName: r.display_name, joinedAt: r.joined_at }));
}

/** Builds of the class's members that are queued or running (the per-class concurrency limit). */
export function activeClassBuilds(classId: string): number {
  const row = db()
    .prepare(
      `SELECT COUNT(*) AS n FROM jobs j JOIN class_members m ON m.learner = j.learner
       WHERE m.class_id = ? AND j.kind = 'build' AND j.state IN ('queued', 'running')`,
    )
    .get(classId) as { n: number };
  return row.n;
}

export function classCounts(): { classes: number; members: number } {
  return db().prepare('SELECT (SELECT COUNT(*) FROM classes) AS classes, (SELECT COUNT(*) FROM class_members) AS members').get() as {
    classes: number;
    members: number;
  };
}
