import protobuf from 'protobufjs';

/**
 * The part of moby/buildkit's `api/services/control/control.proto` (and the two
 * `solver/pb/ops.proto` messages it uses) that BuildKit's progress stream needs:
 * Docker sends each `StatusResponse` base64-encoded in the `aux` of a
 * `moby.buildkit.trace` JSON line. Field numbers are BuildKit's; gogoproto options
 * dropped. Unknown fields (e.g. a newer engine's additions) are skipped by the decoder.
 */
const CONTROL_PROTO = `
syntax = "proto3";
package moby.buildkit.v1;

message Timestamp { int64 seconds = 1; int32 nanos = 2; }

message ProgressGroup { string id = 1; string name = 2; bool weak = 3; }
message Position { int32 line = 1; int32 character = 2; }
message Range { Position start = 1; Position end = 2; }
message SourceInfo { string filename = 1; bytes data = 2; string language = 4; }

message StatusResponse {
  repeated Vertex vertexes = 1;
  repeated VertexStatus statuses = 2;
  repeated VertexLog logs = 3;
  repeated VertexWarning warnings = 4;
}

message Vertex {
  string digest = 1;
  repeated string inputs = 2;
  string name = 3;
  bool cached = 4;
  Timestamp started = 5;
  Timestamp completed = 6;
  string error = 7;
  ProgressGroup progressGroup = 8;
}

message VertexStatus {
  string ID = 1;
  string vertex = 2;
  string name = 3;
  int64 current = 4;
  int64 total = 5;
  Timestamp timestamp = 6;
  Timestamp started = 7;
  Timestamp completed = 8;
}

message VertexLog {
  string vertex = 1;
  Timestamp timestamp = 2;
  int64 stream = 3;
  bytes msg = 4;
}

message VertexWarning {
  string vertex = 1;
  int64 level = 2;
  bytes short = 3;
  repeated bytes detail = 4;
  string url = 5;
  SourceInfo info = 6;
  repeated Range ranges = 7;
}
`;

/** Times as ms since the epoch; absent timestamps stay undefined (BuildKit's "not yet"). */
export type PbTimestamp = { seconds?: number; nanos?: number };
export type PbVertex = {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  started?: PbTimestamp;
  completed?: PbTimestamp;
  error: string;
};
export type PbVertexStatus = {
  ID: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  timestamp?: PbTimestamp;
  started?: PbTimestamp;
  completed?: PbTimestamp;
};
export type PbVertexLog = { vertex: string; timestamp?: PbTimestamp; stream: number; msg: Uint8Array };
export type PbRange = { start?: { line?: number; character?: number }; end?: { line?: number; character?: number } };
export type PbVertexWarning = {
  vertex: string;
  level: number;
  short: Uint8Array;
  detail: Uint8Array[];
  url: string;
  info?: { filename?: string };
  ranges: PbRange[];
};
export type PbStatusResponse = { vertexes: PbVertex[]; statuses: PbVertexStatus[]; logs: PbVertexLog[]; warnings: PbVertexWarning[] };

// Google's Timestamp has the same two fields at the same numbers, so a local copy decodes it without google/protobuf imports.
const StatusResponse = protobuf.parse(CONTROL_PROTO, { keepCase: true }).root.lookupType('moby.buildkit.v1.StatusResponse');

/** Decodes one `StatusResponse` from its wire bytes. Throws on malformed input. */
export function decodeStatusResponse(bytes: Uint8Array): PbStatusResponse {
  const msg = StatusResponse.decode(bytes);
  return StatusResponse.toObject(msg, { longs: Number, arrays: true, defaults: true }) as PbStatusResponse;
}

export function timestampMs(t: PbTimestamp | undefined): number | undefined {
  if (!t || (!t.seconds && !t.nanos)) return undefined;
  return (t.seconds ?? 0) * 1000 + Math.floor((t.nanos ?? 0) / 1e6);
}

/** Encodes a `StatusResponse` (tests build the messages an engine might send, e.g. warnings). */
export function encodeStatusResponse(message: Partial<PbStatusResponse>): Uint8Array {
  return StatusResponse.encode(StatusResponse.fromObject(message)).finish();
}
