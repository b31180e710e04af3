import { z } from 'zod';

/** A rule id; `syntax/…` ids arrive URL-encoded (syntax%2Funknown-instruction) when the router has not decoded them. */
export const ruleParamsSchema = z.object({
  id: z
    .string()
    .max(100)
    .transform((id) => {
      try {
        return decodeURIComponent(id);
      } catch {
        return id;
      }
    })
    // kebab-case ids (ours, `syntax/…`) or Docker's PascalCase build-check names (`LegacyKeyValueFormat`).
    .pipe(z.string().regex(/^(?:[a-z0-9]+(?:[/-][a-z0-9]+)*|(?:[A-Z][a-z0-9]+)+)$/, 'not a rule id')),
});
