import 'server-only';
import { catalog, findCatalogEntry } from '@/lib/image-catalog';
import { readDockerfile } from '@/lib/dockerfile';
import type { LessonFile } from './load-lessons';
import type { LessonIssue } from './parse-lesson-md';

/** Dockerfiles of a build context: `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, in any folder. */
const isDockerfile = (p: string) => /(^|\/)(Dockerfile(\.[^/]*)?|[^/]+\.Dockerfile)$/i.test(p);

/** Base images named by FROM (not earlier stages, not `$VARIABLE`s), with their line. */
export function baseImagesOf(content: string): { image: string; line: number }[] {
  const { stages } = readDockerfile(content);
  return stages
    .filter((s) => s.base && !s.base.includes('$') && !stages.slice(0, s.index).some((e) => e.name === s.base.toLowerCase()))
    .map((s) => ({ image: s.base, line: s.from.line }));
}

/**
 * A lesson's `images:` must cover every base image its starter and solution
 * Dockerfiles use, and each must be in the catalog: the warm-up provisions
 * exactly these, and a learner never meets an image the platform lacks.
 */
export function checkLessonImages(declared: string[], files: { dir: string; files: LessonFile[] }[], mdPath: string): LessonIssue[] {
  const issues: LessonIssue[] = [];
  const declaredRefs = new Set(declared.map((d) => findCatalogEntry(d)?.ref));
  const seen = new Set<string>();
  for (const { dir, files: list } of files) {
    for (const f of list.filter((x) => isDockerfile(x.path))) {
      for (const { image, line } of baseImagesOf(f.content)) {
        const file = `${dir}/${f.path}`;
        const entry = findCatalogEntry(image);
        const key = `${file}:${line}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (!entry) {
          issues.push({ file, line, message: `FROM ${image}: not in the base-image catalog (lib/image-catalog.ts); available: ${catalog.map((c) => c.ref).join(', ')}` });
        } else if (!declaredRefs.has(entry.ref)) {
          issues.push({ file: mdPath, field: 'images', message: `${f.path} line ${line} (${dir}/) uses ${entry.ref}, which the lesson does not declare: add it to images:` });
        }
      }
    }
  }
  return issues;
}
