import { z } from 'zod';

/** A lesson's slug: its folder name without the `NN-` order prefix. */
export const lessonSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'must be a lesson slug: lowercase letters, digits and dashes');
