/**
 * Output shaped like the docker CLI's (Engine 26+): tables padded as its
 * tabwriter pads them (min width 10, 3 spaces between columns), sizes and
 * ages as go-units writes them, `-q`, `--no-trunc` and Go-template
 * `--format` for the common forms (`{{json .}}`, `{{.Field}}`, `table …`).
 */

export type ImageRow = { id: string; repository: string; tag: string; createdAt: number; size: number };
export type HistoryRow = { id?: string; createdAt: number; createdBy: string; size: number; comment: string };
export type ContainerRow = { id: string; image: string; command: string; createdAt: number; status: string; names: string };

type Column<R> = { header: string; field: string; value: (r: R, trunc: boolean, now: number) => string };

/** go-units HumanDuration, as `docker images` writes CREATED ("2 minutes ago"). */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const minutes = Math.floor(ms / 60_000);
  const hours = Math.round(ms / 3_600_000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** go-units HumanSizeWithPrecision(size, 3): decimal units, three significant digits ("125MB", "7.84kB"). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${formatG(size, 3)}${units[i]}`;
}

/** C's %.3g: significant digits, trailing zeros dropped. */
function formatG(n: number, digits: number): string {
  if (n === 0) return '0';
  return String(Number(n.toPrecision(digits)));
}

/** Docker's Ellipsis: cut to `max` characters, the last one an ellipsis. */
export function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

export function shortId(id: string, trunc: boolean): string {
  const full = id.startsWith('sha256:') ? id : `sha256:${id}`;
  return trunc ? full.slice('sha256:'.length, 'sha256:'.length + 12) : full;
}

/** Docker's CreatedAt: "2024-05-01 12:34:56 +0000 UTC". */
function createdAt(ms: number) {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} +0000 UTC`;
}

const IMAGE_COLUMNS: Column<ImageRow>[] = [
  { header: 'REPOSITORY', field: 'Repository', value: (r) => r.repository },
  { header: 'TAG', field: 'Tag', value: (r) => r.tag },
  { header: 'IMAGE ID', field: 'ID', value: (r, t) => shortId(r.id, t) },
  { header: 'CREATED', field: 'CreatedSince', value: (r, _t, now) => `${humanDuration(now - r.createdAt)} ago` },
  { header: 'SIZE', field: 'Size', value: (r) => humanSize(r.size) },
];
const IMAGE_JSON = (r: ImageRow, trunc: boolean, now: number) => ({
  Containers: 'N/A',
  CreatedAt: createdAt(r.createdAt),
  CreatedSince: `${humanDuration(now - r.createdAt)} ago`,
  Digest: '<none>',
  ID: shortId(r.id, trunc),
  Repository: r.repository,
  SharedSize: 'N/A',
  Size: humanSize(r.size),
  Tag: r.tag,
  UniqueSize: 'N/A',
  VirtualSize: humanSize(r.size),
});

const HISTORY_COLUMNS: Column<HistoryRow>[] = [
  { header: 'IMAGE', field: 'ID', value: (r, t) => (r.id ? shortId(r.id, t) : '<missing>') },
  { header: 'CREATED', field: 'CreatedSince', value: (r, _t, now) => `${humanDuration(now - r.createdAt)} ago` },
  {
    header: 'CREATED BY',
    field: 'CreatedBy',
    value: (r, t) => (t ? ellipsis(r.createdBy.replaceAll('\t', ' '), 45) : r.createdBy.replaceAll('\t', ' ')),
  },
  { header: 'SIZE', field: 'Size', value: (r) => humanSize(r.size) },
  { header: 'COMMENT', field: 'Comment', value: (r) => r.comment },
];
const HISTORY_JSON = (r: HistoryRow, trunc: boolean, now: number) => ({
  Comment: r.comment,
  CreatedAt: new Date(r.createdAt).toISOString().replace(/\.\d+Z$/, 'Z'),
  CreatedBy: trunc ? ellipsis(r.createdBy, 45) : r.createdBy,
  CreatedSince: `${humanDuration(now - r.createdAt)} ago`,
  ID: r.id ? shortId(r.id, trunc) : '<missing>',
  Size: humanSize(r.size),
});

const CONTAINER_COLUMNS: Column<ContainerRow>[] = [
  { header: 'CONTAINER ID', field: 'ID', value: (r, t) => (t ? r.id.slice(0, 12) : r.id) },
  { header: 'IMAGE', field: 'Image', value: (r) => r.image },
  { header: 'COMMAND', field: 'Command', value: (r, t) => JSON.stringify(t ? ellipsis(r.command, 20) : r.command) },
  { header: 'CREATED', field: 'RunningFor', value: (r, _t, now) => `${humanDuration(now - r.createdAt)} ago` },
  { header: 'STATUS', field: 'Status', value: (r) => r.status },
  { header: 'PORTS', field: 'Ports', value: () => '' },
  { header: 'NAMES', field: 'Names', value: (r) => r.names },
];
const CONTAINER_JSON = (r: ContainerRow, trunc: boolean, now: number) => ({
  Command: JSON.stringify(trunc ? ellipsis(r.command, 20) : r.command),
  CreatedAt: createdAt(r.createdAt),
  ID: trunc ? r.id.slice(0, 12) : r.id,
  Image: r.image,
  Labels: '',
  LocalVolumes: '0',
  Mounts: '',
  Names: r.names,
  Networks: 'none',
  Ports: '',
  RunningFor: `${humanDuration(now - r.createdAt)} ago`,
  Size: 'N/A',
  State: 'running',
  Status: r.status,
});

export type ListOptions = { quiet: boolean; noTrunc: boolean; format?: string; now?: number };

export function formatImages(rows: ImageRow[], o: ListOptions) {
  return list(rows, o, IMAGE_COLUMNS, IMAGE_JSON, (r, t) => shortId(r.id, t));
}
export function formatHistory(rows: HistoryRow[], o: ListOptions) {
  return list(rows, o, HISTORY_COLUMNS, HISTORY_JSON, (r, t) => (r.id ? shortId(r.id, t) : '<missing>'));
}
export function formatContainers(rows: ContainerRow[], o: ListOptions) {
  return list(rows, o, CONTAINER_COLUMNS, CONTAINER_JSON, (r, t) => (t ? r.id.slice(0, 12) : r.id));
}

function list<R>(
  rows: R[],
  o: ListOptions,
  columns: Column<R>[],
  json: (r: R, trunc: boolean, now: number) => Record<string, string>,
  id: (r: R, trunc: boolean) => string,
): string {
  const now = o.now ?? Date.now();
  const trunc = !o.noTrunc;
  if (o.quiet) return rows.map((r) => id(r, trunc)).join('\n');
  if (o.format !== undefined && o.format !== 'table') {
    const isTable = o.format.startsWith('table ');
    const template = isTable ? o.format.slice('table '.length) : o.format;
    const lines = rows.map((r) => renderTemplate(template, json(r, trunc, now)));
    if (!isTable) return lines.join('\n');
    // `table {{.ID}}\t{{.Size}}`: a header row from the field names, then aligned columns.
    const header = renderTemplate(template, Object.fromEntries(columns.map((c) => [c.field, c.header])));
    return table([header, ...lines].map((l) => l.split('\t')));
  }
  return table([columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => c.value(r, trunc, now)))]);
}

/** text/tabwriter with minwidth 10, padding 3, the last column unpadded. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(Math.max(10, widths[i] + 3) - [...cell].length)))
        .join('')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * A small Go-template subset: `{{json .}}`, `{{json .A.B}}`, `{{.A.B}}`, and
 * the escapes `\t` and `\n`. Anything else is printed as Docker would print an
 * unknown field: `<no value>`.
 */
export function renderTemplate(template: string, data: unknown): string {
  return template
    .replaceAll('\\t', '\t')
    .replaceAll('\\n', '\n')
    .replace(/\{\{-?\s*(json\s+)?\.([A-Za-z0-9_.]*)\s*-?\}\}/g, (_m, json: string | undefined, path: string) => {
      const value =
        path === ''
          ? data
          : path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
      if (json) return JSON.stringify(value ?? null);
      if (value === undefined || value === null) return '<no value>';
      if (Array.isArray(value)) return `[${value.join(' ')}]`;
      if (typeof value === 'object')
        return `map[${Object.entries(value)
          .map(([k, v]) => `${k}:${typeof v === 'object' ? JSON.stringify(v) : v}`)
          .join(' ')}]`;
      return String(value);
    });
}

/** `docker inspect` output: a JSON array, four-space indented. */
export function formatInspect(objects: unknown[], format?: string): string {
  if (format !== undefined) return objects.map((o) => renderTemplate(format, o)).join('\n');
  return JSON.stringify(objects, null, 4);
}
