import 'server-only';
import type Docker from 'dockerode';
import { Readable } from 'node:stream';

/**
 * Asks the engine's own Dockerfile frontend (BuildKit) what it makes of a
 * Dockerfile: the names of the steps it reports (`[2/3] RUN echo hi`), or the
 * error it refuses the file with. Only for the parser's differential test: no
 * limits beyond `networkmode=none`, so callers pass harmless files on local
 * base images. Not a road for learner builds (those go through the job queue).
 */

export type ProbeResult = {
  /** Vertex names in the order the engine first reported them. */
  vertices: string[];
  /** Vertex errors and the build's final error, if any. */
  errors: string[];
};

/** Reads a protobuf varint at `pos`; returns [value, next position]. */
function varint(buf: Buffer, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

/** The length-delimited fields of one protobuf message, by field number (no schema needed for strings/submessages). */
function fields(buf: Buffer): { field: number; data: Buffer }[] {
  const out: { field: number; data: Buffer }[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = varint(buf, pos);
    const field = Math.floor(key / 8);
    const wire = key & 7;
    pos = afterKey;
    if (wire === 0) pos = varint(buf, pos)[1];
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      const [length, start] = varint(buf, pos);
      out.push({ field, data: buf.subarray(start, start + length) });
      pos = start + length;
    } else break;
  }
  return out;
}

/**
 * moby/buildkit control.proto: StatusResponse.vertexes = 1; Vertex.digest = 1,
 * name = 3, error = 7. Only these fields are read.
 */
function decodeVertices(aux: string): { digest: string; name: string; error: string }[] {
  const status = Buffer.from(aux, 'base64');
  return fields(status)
    .filter((f) => f.field === 1)
    .map((vertex) => {
      const parts = fields(vertex.data);
      const text = (n: number) => parts.find((p) => p.field === n)?.data.toString('utf8') ?? '';
      return { digest: text(1), name: text(3), error: text(7) };
    });
}

export async function probeBuild(d: Docker, context: Buffer, signal?: AbortSignal): Promise<ProbeResult> {
  const stream = (await d.buildImage(Readable.from([context]), {
    dockerfile: 'Dockerfile',
    networkmode: 'none',
    pull: false,
    version: '2',
    ...(signal && { abortSignal: signal }),
  } as Docker.ImageBuildOptions)) as NodeJS.ReadableStream;

  const names = new Map<string, string>();
  const errors: string[] = [];
  let pending = '';
  const handle = (line: string) => {
    if (!line.trim()) return;
    let message: { id?: string; aux?: unknown; error?: string };
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') {
      for (const vertex of decodeVertices(message.aux)) {
        if (!names.has(vertex.digest)) names.set(vertex.digest, vertex.name);
        if (vertex.error && !errors.includes(vertex.error)) errors.push(vertex.error);
      }
    }
    if (typeof message.error === 'string') errors.push(message.error);
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(handle);
  }
  handle(pending);
  return { vertices: [...names.values()], errors };
}
