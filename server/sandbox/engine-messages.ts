import 'server-only';
import type { DoneEvent, JobEvent } from '@/lib/events';
import { log } from '../log';

/** How engine outcomes are worded for a learner; raw daemon text goes to the log. */

export const MiB = 1024 * 1024;
export const fmtMiB = (b: number) => `${Math.round(b / MiB)} MiB`;

export function truncationNotice(limitBytes: number, what: string): JobEvent {
  return {
    type: 'log',
    stream: 'system',
    text: `\n[layerlab] ${what} passed the ${Math.round(limitBytes / 1024)} KiB limit; the rest is not shown.\n`,
  };
}

/** What pip, apt, npm, curl, wget and friends print when a name does not resolve or no route exists. */
const NETWORK_TROUBLE =
  /Temporary failure (in name resolution|resolving)|Could not resolve|Name or service not known|Network is unreachable|Failed to establish a new connection|getaddrinfo|EAI_AGAIN|ENOTFOUND|unable to resolve host|bad address '|No address associated with hostname/i;

/** True when a step's output shows it tried to reach the network. */
export function triedNetwork(text: string): boolean {
  return NETWORK_TROUBLE.test(text);
}

/** What apt prints when the image has no package lists (they come from `apt-get update`, over the network). */
const NO_PACKAGE_LISTS = /Unable to locate package|has no installation candidate/;

/** True when a step's output shows apt had no package lists to install from. */
export function missingPackageLists(text: string): boolean {
  return NO_PACKAGE_LISTS.test(text);
}

const FORK_TROUBLE = /can't fork|cannot fork|Resource temporarily unavailable|fork: retry/i;

/** True when a step's output shows it could not start more processes (the pids limit). */
export function couldNotFork(text: string): boolean {
  return FORK_TROUBLE.test(text);
}

const NO_NETWORK_HINT =
  'This step tried to download something, but builds here have no network access. Use what the base image already has, or add the files to your project and COPY them in.';

const NO_PACKAGE_LISTS_HINT =
  'apt-get knows no packages here: the image has no package lists, and `apt-get update` would download them, but builds here have no network access. Use a base image that already has what you need, or add the files to your project and COPY them in.';

const STEP_FAILED = /did not complete successfully: exit code: (\d+)/;
const NOT_IN_CONTEXT = /failed to (?:compute cache key|calculate checksum)[^\n]*?"\/?([^"]+)": not found/;

/**
 * Turns BuildKit's wording into a sentence for a learner; the raw text is kept for the log.
 * `memoryBytes` is the build's memory limit, named when a step was killed for using more.
 */
export function explainBuildError(
  message: string,
  opts: {
    triedNetwork?: boolean;
    noPackageLists?: boolean;
    forkFailed?: boolean;
    pidsLimit?: number;
    memoryBytes?: number;
    fileMaxBytes?: number;
  } = {},
): string {
  const failed = STEP_FAILED.exec(message);
  const exitCode = failed ? Number(failed[1]) : undefined;
  const command = /^process "(?:\/bin\/sh -c )?([\s\S]*)" did not complete successfully/.exec(message)?.[1];
  const stepFailed = command !== undefined ? `The command \`${command.trim()}\` failed with exit code ${exitCode}.` : message;
  if (exitCode === 137) {
    const limit = opts.memoryBytes ? ` (the limit for a build step is ${fmtMiB(opts.memoryBytes)})` : '';
    return `This step ran out of memory${limit} and was stopped. Use less memory in your RUN steps, or split the work into smaller steps.`;
  }
  if (exitCode === 153) {
    // 128 + SIGXFSZ: the file-size limit the engine sets on every RUN step.
    const limit = opts.fileMaxBytes ? ` than ${fmtMiB(opts.fileMaxBytes)}` : '';
    return `This step tried to write a file larger${limit}, the most a build may write, and was stopped. Write less data in your RUN steps.`;
  }
  if (opts.triedNetwork && exitCode !== undefined) return `${stepFailed}\n${NO_NETWORK_HINT}`;
  if (opts.noPackageLists && exitCode !== undefined) return `${stepFailed}\n${NO_PACKAGE_LISTS_HINT}`;
  if (opts.forkFailed && exitCode !== undefined) {
    return `${stepFailed}\nThis step ran out of processes: ${processLimit(opts.pidsLimit)}. Start fewer processes at a time.`;
  }
  if (exitCode !== undefined) return stepFailed;
  if (/no space left on device/i.test(message)) {
    return 'The build ran out of disk space in the sandbox. Write less data in your RUN steps.';
  }
  const missing = NOT_IN_CONTEXT.exec(message);
  if (missing) {
    return `"${missing[1]}" is not in your project, so it cannot be copied. Check the file name (it is case-sensitive), and that .dockerignore does not leave it out.`;
  }
  const target = /target stage "?([^"\s]+)"? could not be found/.exec(message);
  if (target)
    return `There is no stage named "${target[1]}" to build: name one of your stages (\`FROM … AS ${target[1]}\`) or pick another target.`;
  if (/pull access denied|repository does not exist|manifest unknown|failed to resolve|dial tcp|lookup .* on/i.test(message)) {
    return `This build needs an image or file from the internet, but the sandbox has no network: it can only use the provided base images and your own images.`;
  }
  if (FORK_TROUBLE.test(message)) return `${message}\n(The build ran out of processes: ${processLimit(opts.pidsLimit)}.)`;
  return message;
}

/** The pids limit counts the gVisor sandbox's own host tasks too, about 8 per guest process (measured on ptrace). */
const processLimit = (pids?: number) =>
  pids
    ? `the limit here is ${pids} sandbox tasks, about ${Math.floor(pids / 8)} processes at once`
    : 'the sandbox allows only so many processes at once';

export function engineFailure(err: unknown, line?: number): DoneEvent['error'] {
  const e = err as { statusCode?: number; json?: { message?: string }; message?: string; code?: string };
  const raw = e?.json?.message ?? e?.message ?? String(err);
  if (e?.code === 'ENOENT' || e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET') {
    log.error('engine unreachable', { error: raw });
    return { code: 'engine_unavailable', message: 'The sandbox engine is not reachable right now. Try again in a moment.' };
  }
  if (e?.statusCode && e.statusCode < 500) {
    // 4xx from the engine are about the learner's input (e.g. a Dockerfile parse error).
    const parse = /line (\d+)/.exec(raw);
    return { code: 'build_failed', message: explainBuildError(raw.trim()), line: parse ? Number(parse[1]) : line };
  }
  log.error('engine error', { error: raw, status: e?.statusCode });
  return { code: 'engine_error', message: explainBuildError(raw.trim()), line };
}
