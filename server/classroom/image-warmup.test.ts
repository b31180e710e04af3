import { describe, expect, it } from 'vitest';
import { findCatalogEntry } from '@/lib/image-catalog';
import { getLesson, listLessons } from '../lessons';
import { lessonBaseImages } from './image-warmup';

describe('lessonBaseImages', () => {
  it('maps every image the lessons declare to the lessons that use it, in catalog spelling', async () => {
    const used = await lessonBaseImages();
    const lessons = await listLessons();
    expect(lessons.length).toBeGreaterThan(0);
    for (const summary of lessons) {
      const lesson = (await getLesson(summary.slug))!;
      expect(lesson.images.length, summary.slug).toBeGreaterThan(0);
      for (const ref of lesson.images) expect(used.get(findCatalogEntry(ref)!.ref), ref).toContain(summary.slug);
    }
    for (const ref of used.keys()) expect(findCatalogEntry(ref)?.ref).toBe(ref);
  });

  it('only looks at the lessons asked for', async () => {
    const [first] = await listLessons();
    const used = await lessonBaseImages([first.slug]);
    expect([...used.values()].flat().every((slug) => slug === first.slug)).toBe(true);
  });
});
