import 'server-only';
import type Docker from 'dockerode';
import fs from 'node:fs';
import tar from 'tar-stream';
import { pruneBuildCache } from './buildkit/build-cache';
import { docker } from './docker';

/**
 * The engine's images, for the code outside server/sandbox that needs to look
 * at one (checks, the layers tab, learners' tags), tidy up after itself or
 * collect garbage. The one Docker client stays inside server/sandbox.
 */

export type ImageInfo = Docker.ImageInspectInfo;
export type ImageHistoryEntry = { Id: string; Created: number; CreatedBy: string; Size: number; Comment: string; Tags: string[] | null };

const notFound = (err: unknown) => (err as { statusCode?: number }).statusCode === 404;

/** The image's inspect data, or undefined when the engine has no such image. */
export async function inspectImage(ref: string): Promise<ImageInfo | undefined> {
  try {
    return await docker().getImage(ref).inspect();
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/** `docker history`: newest layer first; undefined when the image is gone. */
export async function imageHistory(ref: string): Promise<ImageHistoryEntry[] | undefined> {
  try {
    return (await docker().getImage(ref).history()) as ImageHistoryEntry[];
  } catch (err) {
    if (notFound(err)) return undefined;
    throw err;
  }
}

/**
 * Removes a tag (the image goes with its last tag). By reference, never by id: an
 * image id can be shared with a base image. Rejects with the engine's error (404, 409).
 */
export async function removeImage(ref: string, opts: { force?: boolean } = {}): Promise<void> {
  await docker().getImage(ref).remove({ force: !!opts.force });
}

export async function tagImage(id: string, repo: string, tag: string): Promise<void> {
  await docker().getImage(id).tag({ repo, tag });
}

export async function listImages(): Promise<Docker.ImageInfo[]> {
  return docker().listImages();
}

/** Removes dangling images older than `until` (e.g. '1h'); answers the bytes reclaimed. */
export async function pruneDanglingImages(until: string): Promise<number> {
  const res = await docker().pruneImages({ filters: { dangling: { true: true }, until: { [until]: true } } });
  return res.SpaceReclaimed ?? 0;
}

/** Prunes BuildKit's cache down to `keepBytes`; answers the bytes reclaimed. */
export async function pruneBuildCacheTo(keepBytes: number): Promise<number> {
  return (await pruneBuildCache(docker(), keepBytes)).reclaimedBytes;
}

/** True when the engine answers a ping within `timeoutMs`; rejects with the reason otherwise. */
export async function pingEngine(timeoutMs: number): Promise<void> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  await Promise.race([docker().ping(), timeout]);
}

/** Running containers carrying all these labels. */
export async function runningContainers(labels: string[]): Promise<Docker.ContainerInfo[]> {
  return docker().listContainers({ filters: { label: labels, status: ['running'] } });
}

/** Stops a container, giving its process `graceS` seconds after SIGTERM. */
export async function stopContainer(id: string, graceS: number): Promise<void> {
  await docker().getContainer(id).stop({ t: graceS });
}

/** Follows an engine progress stream to its end; rejects with the first error it reports. */
function followToEnd(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise<{ error?: string }[]>((resolve, reject) =>
    docker().modem.followProgress(stream, (err: Error | null, res: { error?: string }[]) => (err ? reject(err) : resolve(res))),
  ).then((out) => {
    const failed = out.find((o) => o.error);
    if (failed) throw new Error(failed.error);
  });
}

/** `docker import`: a root filesystem tarball becomes an image, with Dockerfile-style `changes`. */
export async function importRootfsArchive(
  tarPath: string,
  opts: { repo: string; tag: string; changes: string[]; message: string },
): Promise<void> {
  await followToEnd(await docker().importImage(fs.createReadStream(tarPath), opts as object));
}

/** `docker load` of an image archive (from skopeo, outside the engine's namespace). */
export async function loadImageArchive(archivePath: string): Promise<void> {
  await followToEnd(await docker().loadImage(fs.createReadStream(archivePath), { quiet: true }));
}

/**
 * Adds metadata-only instructions (e.g. STOPSIGNAL, which `docker import --change` refuses) to
 * an image: a build of `FROM ref` plus those lines, tagged as `ref` again; no layer, no container.
 */
export async function addImageMetadata(ref: string, lines: string[]): Promise<void> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, `FROM ${ref}\n${lines.join('\n')}\n`);
  pack.finalize();
  await followToEnd(
    await docker().buildImage(pack as unknown as NodeJS.ReadableStream, { t: ref, networkmode: 'none', rm: true, forcerm: true }),
  );
}
