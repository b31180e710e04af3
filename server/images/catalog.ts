import 'server-only';
import { createHash } from 'node:crypto';
import type { CatalogImage } from '@/lib/image-catalog';

/**
 * Server view of the base-image catalog. The data and the pure helpers live in
 * lib/image-catalog.ts (the Dockerfile policy needs them in the browser too);
 * this adds the hashes that key the rootfs cache and mark provisioned images.
 */
export { catalog, catalogRefs, findCatalogImage, isCatalogImage, normalizeRef } from '@/lib/image-catalog';
export type { CatalogImage } from '@/lib/image-catalog';

/** Bump when the way rootfs tarballs are produced changes, to invalidate caches. */
const BUILDER_VERSION = 2;

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16);

/** Keys the cached root filesystem: only what changes its files. */
export function rootfsKey(image: CatalogImage): string {
  return sha({ v: BUILDER_VERSION, recipe: image.recipe });
}

/** Stamped on the stand-in image: a changed recipe or config means re-import. */
export function imageKey(image: CatalogImage): string {
  return sha({ rootfs: rootfsKey(image), config: image.config });
}
