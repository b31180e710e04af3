import 'server-only';
import { catalog, findCatalogEntry } from '@/lib/image-catalog';
import { parseDockerfile } from '@/lib/dockerfile';
import type { LessonFile } from './load-lessons';
import type { LessonIssue } from './parse-lesson-md';

/** Dockerfiles of a build context: `Dockerfile`, `*.Dockerfile`, `Dockerfile.*`, in any folder. */
const isDockerfile = (p: string) => /(^|\/)(Dockerfile(\.[^/]*)?|[^/]+\.Dockerfile)$/i.test(p);

/** Base images named by FROM (not earlier stages, not `$VARIABLE`s), with their line. */
export function baseImagesOf(content: string): { image: string; line: number }[] {
  const stages: string[] = [];
  const out: { image: string; line: number }[] = [];
  for (const ins of parseDockerfile(content).instructions) {
    if (ins.keyword !== 'FROM') continue;
    const words = ins.args.trim().split(/\s+/);
    const image = words[0] ?? '';
    const earlierStage = stages.includes(image.toLowerCase());
    if (words.length >= 3 && words[1].toLowerCase() === 'as') stages.push(words[2].toLowerCase());
    if (!image || image.includes('$') || earlierStage) continue;
    out.push({ image, line: ins.line });
  }
  return out;
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
