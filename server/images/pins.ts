import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Digests of official images pulled once: later pulls fetch exactly these (cache/pins.json, shared by checkouts). */
const pinSchema = z.object({ digest: z.string().regex(/^sha256:[0-9a-f]{64}$/), official: z.string(), pulledAt: z.string() });
const pinsSchema = z.record(z.string(), pinSchema);
export type Pin = z.infer<typeof pinSchema>;

const file = (cacheDir: string) => path.join(cacheDir, 'pins.json');

export function readPins(cacheDir: string): Record<string, Pin> {
  try {
    const parsed = pinsSchema.safeParse(JSON.parse(fs.readFileSync(file(cacheDir), 'utf8')));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}

export function writePin(cacheDir: string, ref: string, pin: Pin) {
  const pins = { ...readPins(cacheDir), [ref]: pinSchema.parse(pin) };
  fs.mkdirSync(cacheDir, { recursive: true });
  const tmp = `${file(cacheDir)}.${process.pid}`;
  fs.writeFileSync(tmp, JSON.stringify(pins, null, 2));
  fs.renameSync(tmp, file(cacheDir));
}
