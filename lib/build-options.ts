/**
 * `docker build --build-arg NAME=value` and `--target STAGE`, as the build API, lesson
 * checks and the workbench accept them. Shared by browser and server.
 */
import { z } from 'zod';

export const MAX_BUILD_ARGS = 32;
const ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const buildArgNameSchema = z
  .string()
  .max(64, 'a build arg name has at most 64 characters')
  .regex(ARG_NAME, 'a build arg name is letters, digits and _ (not starting with a digit), like an ARG in a Dockerfile')
  // BUILDKIT_* args steer the builder itself (cache namespace, syntax, inline cache): Layerlab sets those.
  .refine((name) => !/^BUILDKIT_/i.test(name), 'BUILDKIT_* build args control the builder itself and cannot be set here');

export const buildArgsSchema = z
  .record(buildArgNameSchema, z.string().max(1024, 'a build arg value has at most 1024 characters'))
  .refine((args) => Object.keys(args).length <= MAX_BUILD_ARGS, `at most ${MAX_BUILD_ARGS} build args`)
  .describe('docker build --build-arg NAME=value, for each entry');

/** A stage name as `FROM … AS name` allows (BuildKit compares them case-insensitively). */
export const buildTargetSchema = z
  .string()
  .max(64, 'a stage name has at most 64 characters')
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, 'a stage name starts with a letter and has letters, digits, "_", "." or "-", like FROM … AS name')
  .describe('docker build --target STAGE: build only up to this stage');

export type BuildArgs = z.infer<typeof buildArgsSchema>;
