import 'server-only';
import { inspectImage } from '@/server/sandbox/engine-images';
import { fromImage, readInstructions } from './instructions';
import type { ImageFacts } from './image-checks';

/**
 * Reads what image checks need from the engine. `image` is an image ID or an
 * internal reference; the Dockerfile tells which base the final stage used, so
 * `maxAdded` can subtract the base image's layers.
 */
export async function imageFacts(image: string, dockerfile?: string): Promise<ImageFacts> {
  const info = await inspectImage(image);
  if (!info) throw new Error(`no such image: ${image}`);
  const facts: ImageFacts = {
    // dockerode's types promise more than the engine sends (Cmd may be null); take what we read.
    config: (info.Config ?? {}) as ImageFacts['config'],
    sizeBytes: info.Size,
    layers: info.RootFS?.Layers ?? [],
  };
  const base = dockerfile ? finalBase(dockerfile) : undefined;
  if (base === 'scratch') facts.baseLayers = [];
  else if (base) {
    const baseInfo = await inspectImage(base).catch(() => undefined);
    if (baseInfo) facts.baseLayers = baseInfo.RootFS?.Layers ?? [];
  }
  return facts;
}

/** The image the last stage builds on, following `FROM <stage>` back to a real image. */
export function finalBase(dockerfile: string): string | undefined {
  const froms = readInstructions(dockerfile).filter((i) => i.keyword === 'FROM');
  const stages = froms.map((f) => {
    const words = f.text.split(' ').filter((w) => !w.startsWith('--'));
    const as = words.findIndex((w) => w.toUpperCase() === 'AS');
    return { image: fromImage(f.text), name: as >= 0 ? words[as + 1]?.toLowerCase() : undefined };
  });
  let image = stages.at(-1)?.image;
  for (let hops = 0; image && hops < stages.length; hops++) {
    const stage = stages.find((s) => s.name === image!.toLowerCase());
    if (!stage) break;
    image = stage.image;
  }
  return image;
}
