/**
 * The two API answers the insight panels read, parsed at the boundary
 * (GET /api/builds/:id/layers and GET /api/rules/:id; see docs/api.md).
 */
import { z } from 'zod';

export const layerSchema = z.object({
  createdBy: z.string(),
  sizeBytes: z.number().nonnegative(),
  fromBase: z.boolean(),
  step: z.object({ index: z.number().optional(), instruction: z.string(), line: z.number().optional() }).optional(),
  cached: z.boolean().optional(),
  durationMs: z.number().optional(),
  comment: z.string().optional(),
});

export const imageLayersSchema = z.object({
  jobId: z.string(),
  imageId: z.string(),
  totalBytes: z.number().nonnegative(),
  layers: z.array(layerSchema),
});

export const ruleDocSchema = z.object({
  id: z.string(),
  title: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  markdown: z.string(),
});

export type Layer = z.infer<typeof layerSchema>;
export type ImageLayers = z.infer<typeof imageLayersSchema>;
export type RuleDoc = z.infer<typeof ruleDocSchema>;

/** `{error, message}` from any of our routes, else a generic sentence. */
export async function fetchParsed<T>(url: string, schema: z.ZodType<T>): Promise<{ ok: true; data: T } | { ok: false; status: number; message: string }> {
  let res: Response;
  try {
    res = await fetch(url, { cache: 'no-store' });
  } catch {
    return { ok: false, status: 0, message: 'Could not reach the Layerlab server. Check your connection and try again.' };
  }
  const json: unknown = await res.json().catch(() => undefined);
  if (!res.ok) {
    const message = (json as { message?: unknown } | undefined)?.message;
    return { ok: false, status: res.status, message: typeof message === 'string' ? message : `The server answered ${res.status}.` };
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? { ok: true, data: parsed.data } : { ok: false, status: res.status, message: 'The server sent an answer this page does not understand. Reload the page.' };
}
