import 'server-only';
import type Docker from 'dockerode';
import { catalogRefs } from '@/lib/image-catalog';
import type { ContainerRow, HistoryRow, ImageRow } from '@/lib/docker-cli/format';
import { docker } from './docker';
import { LABEL, ownContainers } from './labels';
import { learnerImagePrefix, withoutLearnerPrefix } from './learner-namespace';

/**
 * What the terminal's `docker images/history/inspect/rmi/ps` read from the
 * engine, in the learner's namespace only: their own images (`layerlab-<learner>/…`,
 * shown without the prefix) and the shared base images they may build FROM and
 * run; their own containers (by label). Another learner's objects are never
 * listed and never found by name.
 */

/** The learner-facing name of an engine reference, or undefined when it is not theirs to see. */
export function visibleName(learner: string, ref: string): string | undefined {
  return withoutLearnerPrefix(learner, ref) ?? (catalogRefs().includes(ref) ? ref : undefined);
}

function splitRef(name: string) {
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/')
    ? { repository: name.slice(0, colon), tag: name.slice(colon + 1) }
    : { repository: name, tag: 'latest' };
}

export async function listImages(learner: string, d: Docker = docker()): Promise<ImageRow[]> {
  const refs = [`${learnerImagePrefix(learner)}*`, `${learnerImagePrefix(learner)}*/*`, ...catalogRefs()];
  const images = await d.listImages({ filters: { reference: refs } });
  const rows: ImageRow[] = [];
  for (const img of images) {
    for (const ref of img.RepoTags ?? []) {
      const name = visibleName(learner, ref);
      if (!name) continue;
      rows.push({ id: img.Id, ...splitRef(name), createdAt: img.Created * 1000, size: img.Size });
    }
  }
  // Newest first, as `docker images` lists them.
  return rows.sort((a, b) => b.createdAt - a.createdAt || a.repository.localeCompare(b.repository));
}

export async function imageHistory(ref: string, d: Docker = docker()): Promise<HistoryRow[]> {
  const layers = (await d.getImage(ref).history()) as { Id: string; Created: number; CreatedBy: string; Size: number; Comment: string }[];
  return layers.map((l) => ({
    id: l.Id && l.Id !== '<missing>' ? l.Id : undefined,
    createdAt: l.Created * 1000,
    createdBy: l.CreatedBy,
    size: l.Size,
    comment: l.Comment,
  }));
}

/** `docker image inspect`, with the learner's names and without the engine's host paths. */
export async function inspectImage(learner: string, ref: string, d: Docker = docker()): Promise<Record<string, unknown>> {
  const info = (await d.getImage(ref).inspect()) as unknown as Record<string, unknown>;
  const tags = ((info.RepoTags as string[] | undefined) ?? []).map((r) => visibleName(learner, r)).filter((r): r is string => !!r);
  const graph = info.GraphDriver as { Name?: string } | undefined;
  return { ...info, RepoTags: tags, RepoDigests: [], ...(graph && { GraphDriver: { Data: null, Name: graph.Name } }) };
}

/** Untags one of the learner's images (never by id: a FROM-only image shares its base's id). Returns docker's lines. */
export async function removeImageTag(learner: string, ref: string, force: boolean, d: Docker = docker()): Promise<string[]> {
  const result = (await d.getImage(ref).remove({ force, noprune: false })) as { Untagged?: string; Deleted?: string }[];
  return result.map((r) =>
    r.Untagged
      ? `Untagged: ${visibleName(learner, r.Untagged) ?? r.Untagged.replace(learnerImagePrefix(learner), '')}`
      : `Deleted: ${r.Deleted}`,
  );
}

export type LearnerContainer = ContainerRow & { job?: string; kind?: string };

export async function listContainers(learner: string, d: Docker = docker()): Promise<LearnerContainer[]> {
  const list = await d.listContainers({ all: true, filters: { label: ownContainers(`${LABEL.learner}=${learner}`) } });
  return list
    .filter((c) => c.Labels?.[LABEL.kind] === 'run' || c.Labels?.[LABEL.kind] === 'shell')
    .map((c) => ({
      id: c.Id,
      // As typed at `docker run`: `app`, not `app:latest`.
      image: (visibleName(learner, c.Image) ?? c.Image.replace(learnerImagePrefix(learner), '')).replace(/:latest$/, ''),
      command: c.Command,
      createdAt: c.Created * 1000,
      status: c.Status,
      names: (c.Names?.[0] ?? '').replace(/^\//, ''),
      job: c.Labels?.[LABEL.job],
      kind: c.Labels?.[LABEL.kind],
    }));
}

/** One of the learner's containers by name or (a prefix of its) id, as `docker stop` finds it. */
export async function findContainer(learner: string, nameOrId: string, d: Docker = docker()): Promise<LearnerContainer | undefined> {
  const all = await listContainers(learner, d);
  return all.find((c) => c.names === nameOrId) ?? (nameOrId.length >= 1 ? all.find((c) => c.id.startsWith(nameOrId)) : undefined);
}
