/** The terminal's calls: a docker line, completion names, history, and the interactive shell. */
import { z } from 'zod';
import { request } from './request';
import type { ApiFile } from './schemas';

export const terminalResultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output'), text: z.string(), stream: z.enum(['stdout', 'stderr']), exitCode: z.number() }),
  z.object({ type: z.literal('job'), kind: z.enum(['build', 'run']), id: z.string() }),
  z.object({ type: z.literal('shell'), id: z.string(), image: z.string() }),
]);
export type TerminalResult = z.infer<typeof terminalResultSchema>;

const namesSchema = z.object({ images: z.array(z.string()), containers: z.array(z.string()) });
const historySchema = z.object({ lines: z.array(z.string()) });
const liveShellSchema = z.object({
  shell: z.object({ id: z.string(), image: z.string(), name: z.string(), startedAt: z.number() }).nullable(),
});
const empty = z.undefined();

export const runLine = (body: { line: string; files?: ApiFile[]; lesson?: string; cols?: number; rows?: number }, signal?: AbortSignal) =>
  request('POST', '/api/terminal/commands', { body, schema: terminalResultSchema, signal });

export const completionNames = () => request('GET', '/api/terminal/names', { schema: namesSchema });
export const commandHistory = () => request('GET', '/api/terminal/history', { schema: historySchema });
/** The learner's open shell, or null. */
export const liveShell = () => request('GET', '/api/terminal/shell', { schema: liveShellSchema }).then((r) => r.shell);
export const stopShell = () => request('DELETE', '/api/terminal/shell', { schema: empty });
export const shellInput = (data: string) => request('POST', '/api/terminal/shell/input', { body: { data }, schema: empty });
export const resizeShell = (cols: number, rows: number) =>
  request('POST', '/api/terminal/shell/resize', { body: { cols, rows }, schema: empty });
export const shellEventsUrl = '/api/terminal/shell/events';
