import 'server-only';
import { db, stmt } from './database';

/**
 * The docker command lines learners typed in the terminal, one row per line
 * (what they ran, never what they typed inside a shell). Read by the
 * instructor's learner drawer and the `ran` check.
 */

export type TerminalCommand = { line: string; command: string; lesson?: string; exitCode?: number; createdAt: number };
type Row = { id: number; line: string; command: string; lesson: string | null; exit_code: number | null; created_at: number };

/** `command` is the parsed kind (`build`, `run`, `images`, … or `unsupported`). Returns the row id. */
export function recordTerminalCommand(learner: string, c: { line: string; command: string; lesson?: string; exitCode?: number }): number {
  const r = stmt('INSERT INTO terminal_commands (learner, lesson, line, command, exit_code, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    learner,
    c.lesson ?? null,
    c.line,
    c.command,
    c.exitCode ?? null,
    Date.now(),
  );
  return Number(r.lastInsertRowid);
}

export function setTerminalExitCode(id: number, exitCode: number) {
  stmt('UPDATE terminal_commands SET exit_code = ? WHERE id = ?').run(exitCode, id);
}

/** The learner's latest commands, oldest first. */
export function terminalCommands(learner: string, opts: { limit?: number; lesson?: string } = {}): TerminalCommand[] {
  const rows = db()
    .prepare(
      `SELECT * FROM (SELECT * FROM terminal_commands WHERE learner = ? ${opts.lesson ? 'AND lesson = ?' : ''} ORDER BY id DESC LIMIT ?) ORDER BY id`,
    )
    .all(...[learner, ...(opts.lesson ? [opts.lesson] : []), opts.limit ?? 200]) as Row[];
  return rows.map((r) => ({
    line: r.line,
    command: r.command,
    ...(r.lesson !== null && { lesson: r.lesson }),
    ...(r.exit_code !== null && { exitCode: r.exit_code }),
    createdAt: r.created_at,
  }));
}
