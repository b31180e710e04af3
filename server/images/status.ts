import 'server-only';
import { catalogRefs, findCatalogEntry, findCatalogImage, standInNote } from '@/lib/image-catalog';
import { config } from '../config';
import { inspectImage } from '../sandbox/engine-images';
import { LABEL } from '../sandbox/labels';
import { RECIPE_LABEL, VERSION_LABEL } from './import-image';
import { readPins } from './pins';

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
  /** The real version of the main program inside (stand-ins). */
  version?: string;
  /** What a learner is told: "stand-in built from Debian packages: Python 3.13.5", or the official digest. */
  note?: string;
  /** Manifest digest an official image was pulled at. */
  digest?: string;
  /** A legacy name: the same image as this catalog reference. */
  aliasOf?: string;
};

/** Is `ref` in the engine, and is it a stand-in? */
export async function imageStatus(ref: string): Promise<ImageStatus> {
  const entry = findCatalogEntry(ref);
  const aliasOf = entry?.kind === 'alias' ? entry.aliasOf : undefined;
  const info = await inspectImage(ref);
  if (!info) return { ref, present: false, standIn: false, aliasOf };
  const labels = info.Config?.Labels ?? {};
  const standIn = labels[LABEL.standIn] === 'true';
  const version = labels[VERSION_LABEL] || undefined;
  const image = findCatalogImage(ref);
  const digest = standIn ? undefined : readPins(config().cacheDir)[aliasOf ?? ref]?.digest;
  const note = [
    aliasOf ? `legacy name for ${aliasOf}, kept while a lesson needs it` : undefined,
    standIn && image
      ? standInNote(image, version)
      : digest
        ? `official image ${digest.slice(0, 19)}…`
        : standIn
          ? undefined
          : 'official image',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    ref,
    present: true,
    id: info.Id,
    standIn,
    sizeBytes: info.Size,
    recipeKey: labels[RECIPE_LABEL],
    version,
    note,
    digest,
    aliasOf,
  };
}

/** Presence of every catalog image in the engine (for the CLI, health checks and the admin view). */
export function catalogStatus(): Promise<ImageStatus[]> {
  return Promise.all(catalogRefs().map((ref) => imageStatus(ref)));
}
