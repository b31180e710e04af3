import 'server-only';
import { learnerNamespace } from '../learner-namespace';

/**
 * `RUN --mount=type=cache` data lives in the engine, shared by every build unless
 * namespaced: BuildKit prefixes every cache mount's id (explicit `id=` included) with
 * the `BUILDKIT_CACHE_MOUNT_NS` build arg, a frontend option a Dockerfile's own ARG
 * cannot change. One namespace per learner keeps their caches apart. Learners cannot
 * pass `BUILDKIT_*` build args themselves (the build API refuses them), and ours is
 * applied last.
 */
export const CACHE_NS_ARG = 'BUILDKIT_CACHE_MOUNT_NS';

export function cacheNamespaceArg(learner: string): Record<string, string> {
  return { [CACHE_NS_ARG]: learnerNamespace(learner) };
}
