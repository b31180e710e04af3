import 'server-only';
import type { ImageConfig } from '@/lib/image-catalog';
import { addImageMetadata, importRootfsArchive, inspectImage, removeImage } from '../sandbox/engine-images';
import { LABEL } from '../sandbox/labels';
import { ProvisionError } from './errors';

/** Marks which recipe+config a stand-in was built from, so a changed catalog entry is re-provisioned. */
export const RECIPE_LABEL = 'layerlab.stand-in.recipe';
/** The real version of the main program inside a stand-in (Python 3.13.5 → `3.13.5`). */
export const VERSION_LABEL = 'layerlab.stand-in.version';

/** Dockerfile-style `changes` for the import: the config the image starts with. */
export function importChanges(cfg: ImageConfig, vars: { VERSION?: string }, labels: Record<string, string>): string[] {
  const env = cfg.Env.map((e) => e.replace('${VERSION}', vars.VERSION ?? 'unknown'));
  return [
    ...env.map((e) => `ENV ${e}`),
    ...(cfg.WorkingDir ? [`WORKDIR ${cfg.WorkingDir}`] : []),
    ...(cfg.ExposedPorts ?? []).map((p) => `EXPOSE ${p}`),
    `CMD ${JSON.stringify(cfg.Cmd)}`,
    ...Object.entries(labels).map(([k, v]) => `LABEL ${k}=${JSON.stringify(v)}`),
  ];
}

/**
 * `docker import` of a rootfs tarball under an official name, with the
 * stand-in label. Resolves when the engine has stored the image.
 */
export async function importRootfs(opts: {
  tarPath: string;
  ref: string;
  cfg: ImageConfig;
  version?: string;
  recipeKey: string;
}): Promise<void> {
  const [repo, tag] = splitRef(opts.ref);
  const labels = { [LABEL.standIn]: 'true', [RECIPE_LABEL]: opts.recipeKey, ...(opts.version ? { [VERSION_LABEL]: opts.version } : {}) };
  const changes = importChanges(opts.cfg, { VERSION: opts.version }, labels);
  await importRootfsArchive(opts.tarPath, { repo, tag, changes, message: 'Layerlab stand-in built from Debian packages' }).catch(
    (err: Error) => {
      throw new ProvisionError('import-failed', `docker import of ${opts.ref} failed: ${err.message}`);
    },
  );
  // `docker import --change` refuses STOPSIGNAL (Engine 20.10): a metadata-only build adds it, no layer, no container.
  if (opts.cfg.StopSignal) await addMetadata(opts.ref, [`STOPSIGNAL ${opts.cfg.StopSignal}`]);
}

async function addMetadata(ref: string, lines: string[]) {
  const imported = (await inspectImage(ref))?.Id;
  await addImageMetadata(ref, lines).catch((err: Error) => {
    throw new ProvisionError('import-failed', `setting ${lines.join(', ')} on ${ref} failed: ${err.message}`);
  });
  if (imported) await removeImage(imported).catch(() => undefined); // now untagged
}

export function splitRef(ref: string): [string, string] {
  const i = ref.lastIndexOf(':');
  return [ref.slice(0, i), ref.slice(i + 1)];
}
