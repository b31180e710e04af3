import 'server-only';
import { catalog } from '@/lib/image-catalog';
import { docker } from '../sandbox/docker';
import { LABEL } from '../sandbox/labels';
import { RECIPE_LABEL } from './import-image';

export type ImageStatus = {
  ref: string;
  present: boolean;
  /** Image id (sha256:…) when present. */
  id?: string;
  /** Built from Debian packages by us, not the official image. */
  standIn: boolean;
  sizeBytes?: number;
  /** For stand-ins: the recipe+config key they were built from. */
  recipeKey?: string;
};

/** Is `ref` in the engine, and is it a stand-in? */
export async function imageStatus(ref: string): Promise<ImageStatus> {
  try {
    const info = await docker().getImage(ref).inspect();
    const labels = info.Config?.Labels ?? {};
    return { ref, present: true, id: info.Id, standIn: labels[LABEL.standIn] === 'true', sizeBytes: info.Size, recipeKey: labels[RECIPE_LABEL] };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode === 404) return { ref, present: false, standIn: false };
    throw err;
  }
}

/** Presence of every catalog image in the engine (for the CLI, health checks and the admin view). */
export function catalogStatus(): Promise<ImageStatus[]> {
  return Promise.all(catalog.map((c) => imageStatus(c.ref)));
}
