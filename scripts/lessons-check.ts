/**
 * `npm run lessons:check [-- --only SLUG] [-- --static]`: validates every
 * lesson under config().lessonsDir, then builds each solution, starter and
 * wrong/ case on the sandbox engine and runs the lesson's checks against them,
 * and tests every code block of the lesson text. Exits non-zero on any broken
 * lesson, failing solution, starter that already passes, wrong/ case that
 * passes the check that must catch it, or code block that does not hold up.
 * Run with the react-server condition so server-only modules load outside Next.
 */
import { parseArgs } from 'node:util';
import path from 'node:path';
import { config } from '../server/config';
import { isStaticCheck } from '../server/lessons/checks/dockerfile-checks';
import { formatIssue } from '../server/lessons/parse-lesson-md';
import { loadCourse } from '../server/lessons/load-lessons';
import { verifyLesson, verifyLessonStatically, type LessonReport } from '../server/lessons/verify-lesson';
import { pingSocket } from '../server/sandbox/ping';

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    static: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run lessons:check -- [--only SLUG]... [--static]\n  --static  validate and run file checks only (no engine needed)',
  );
  process.exit(0);
}

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const red = (s: string) => (process.stdout.isTTY ? `\x1b[31m${s}\x1b[0m` : s);
const green = (s: string) => (process.stdout.isTTY ? `\x1b[32m${s}\x1b[0m` : s);

const startedAt = Date.now();
const root = config().lessonsDir;
const rel = (p: string) => path.relative(process.cwd(), p) || p;
const course = await loadCourse(root);
let failures = 0;

for (const b of course.broken) {
  failures++;
  console.log(red(`✗ ${rel(b.dir)}: invalid lesson`));
  for (const i of b.issues) console.log(`    ${formatIssue({ ...i, file: rel(i.file) })}`);
}

const lessons = course.lessons.filter((l) => !values.only || values.only.includes(l.slug));
if (values.only) {
  for (const slug of values.only) {
    if (!course.lessons.some((l) => l.slug === slug)) {
      failures++;
      console.log(red(`✗ no valid lesson with slug "${slug}"`));
    }
  }
}

if (!values.static && lessons.length) {
  const engine = config().engine;
  const reachable = engine.externalHost ? true : await pingSocket(engine.socket);
  if (!reachable) {
    console.log(red(`✗ the sandbox engine does not answer on ${engine.socket}. Start it with: npm run sandbox -- start (or use --static)`));
    process.exit(1);
  }
}

console.log(
  `Checking ${lessons.length} lesson${lessons.length === 1 ? '' : 's'} in ${rel(root)}${values.static ? ' (file checks only)' : ''}`,
);
for (const lesson of lessons) {
  let report: LessonReport;
  try {
    report = values.static ? await verifyLessonStatically(lesson) : await verifyLesson(lesson);
  } catch (err) {
    failures++;
    console.log(red(`✗ ${lesson.slug}: ${(err as Error).message}`));
    continue;
  }
  print(report);
  if (report.problems.length) failures++;
}

const total = lessons.length + course.broken.length;
const wrongCases = lessons.reduce((n, l) => n + l.wrong.length, 0);
console.log(
  `\n${lessons.length} lesson${lessons.length === 1 ? '' : 's'}, ${wrongCases} wrong/ case${wrongCases === 1 ? '' : 's'}, ${((Date.now() - startedAt) / 1000).toFixed(1)} s`,
);
console.log(
  failures
    ? red(bold(`\n${failures} of ${total} lesson${total === 1 ? '' : 's'} need attention.`))
    : green(bold(`\nAll ${total} lessons OK.`)),
);
process.exit(failures ? 1 : 0);

function print(r: LessonReport) {
  const ok = r.problems.length === 0;
  const mark = (passed: boolean | undefined) => (passed === undefined ? '-' : passed ? green('pass') : red('FAIL'));
  console.log(`\n${ok ? green('✓') : red('✗')} ${bold(`${String(r.lesson.order).padStart(2, '0')} ${r.lesson.slug}`)} — ${r.lesson.title}`);
  const buildCell = (s: LessonReport['solution']) =>
    s.build === 'cancelled' && s.seconds === 0 ? 'not built' : `${s.build} in ${s.seconds.toFixed(1)} s`;
  const rows = [
    ['CHECK', 'KIND', 'SOLUTION', 'STARTER'],
    ['(build)', '', buildCell(r.solution), buildCell(r.starter)],
    ...r.lesson.checks.map((c, i) => {
      // Without a build, only file checks have a verdict.
      const known = !values.static || isStaticCheck(c);
      return [
        c.id,
        c.kind,
        mark(known ? r.solution.results[i]?.passed : undefined),
        mark(known ? r.starter.results[i]?.passed : undefined),
      ];
    }),
  ];
  const width = (s: string) => s.replace(/\x1b\[\d+m/g, '').length;
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => width(row[col]))));
  for (const row of rows) console.log('    ' + row.map((cell, col) => cell + ' '.repeat(widths[col] - width(cell))).join('   '));
  for (const w of r.wrong) {
    const caught = r.lesson.checks.filter((c, i) => w.results[i] && !w.results[i].passed).map((c) => c.id);
    console.log(
      `    wrong/${w.name}: ${w.caught ? green('caught') : red('NOT caught')} by ${w.fails}${caught.length ? ` (fails: ${caught.join(', ')})` : ''}`,
    );
  }
  for (const p of r.problems) console.log(red(`    ✗ ${p}`));
  // A starter may fail to build on purpose, but the author should see why.
  if (r.starter.buildError) console.log(`    starter build: ${r.starter.buildError}`);
  const failedSolution = r.solution.results.filter((x) => !x.passed);
  if (failedSolution.length && r.solution.build === 'succeeded') {
    for (const f of failedSolution) console.log(`      ${f.id}: ${f.message ?? ''}`);
  }
}
