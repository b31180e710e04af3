/**
 * `docker build --build-arg NAME=value` and `--target STAGE`, as the build API, lesson
 * checks and the workbench accept them. Shared by browser and server.
 */
import { z } from 'zod';

export const MAX_BUILD_ARGS = 64;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const buildArgNameSchema = z
  .string()
  .max(128, 'a build arg name has at most 128 characters')
  .regex(ARG_NAME, 'a build arg name is letters, digits and _ (not starting with a digit), like an ARG in a Dockerfile')
  // BUILDKIT_* args steer the builder itself (cache namespace, syntax, inline cache): Layerlab sets those.
  .refine((name) => !/^BUILDKIT_/i.test(name), 'BUILDKIT_* build args control the builder itself and cannot be set here');

export const buildArgsSchema = z
  .record(z.string(), z.string().max(4096, 'a build arg value has at most 4096 characters'))
  .superRefine((args, ctx) => {
    const names = Object.keys(args);
    if (names.length > MAX_BUILD_ARGS) ctx.addIssue({ code: 'custom', message: `at most ${MAX_BUILD_ARGS} build args` });
    // Each name checked on its own so the message names the arg (zod's record keys only say "Invalid key").
    for (const name of names) {
      const r = buildArgNameSchema.safeParse(name);
      if (!r.success) ctx.addIssue({ code: 'custom', path: [name], message: r.error.issues[0].message });
    }
  })
  .describe('docker build --build-arg NAME=value, for each entry');

/** A stage name as `FROM … AS name` allows (BuildKit compares them case-insensitively). */
export const buildTargetSchema = z
  .string()
  .max(128, 'a stage name has at most 128 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a stage name starts with a letter and has letters, digits, "_", "." or "-", like FROM … AS name')
  .describe('docker build --target STAGE: build only up to this stage');

export type BuildArgs = z.infer<typeof buildArgsSchema>;

/** The two together, as the job layer checks them whatever the caller (API route, terminal, lesson check). */
export const buildOptionsSchema = z.object({ buildArgs: buildArgsSchema.optional(), target: buildTargetSchema.optional() });
