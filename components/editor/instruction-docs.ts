/**
 * One-line syntax and a short explanation for each Dockerfile instruction and
 * its common flags: the data behind the editor's completion and hover. Our own
 * small table instead of dockerfile-language-service, which would add its
 * parser and docs to the editor bundle for the same few lines of help.
 *
 * Only what this sandbox builds: no `FROM --platform`, no `RUN --mount`
 * (the legacy builder has no BuildKit).
 */

export type FlagDoc = {
  /** As typed, without the value: `--chown`. */
  name: string;
  syntax: string;
  summary: string;
};

export type InstructionDoc = {
  name: string;
  syntax: string;
  summary: string;
  /** Inserted by completion after the instruction (a Monaco snippet). */
  snippet?: string;
  flags?: FlagDoc[];
};

const CHOWN: FlagDoc = {
  name: '--chown',
  syntax: '--chown=<user>[:<group>]',
  summary: 'Owner of the copied files in the image (they belong to root otherwise). The user must exist in the image.',
};

export const instructionDocs: readonly InstructionDoc[] = [
  {
    name: 'FROM',
    syntax: 'FROM <image>[:<tag>] [AS <name>]',
    summary: 'Starts a build stage from a base image. Every Dockerfile begins with FROM; `AS name` names the stage for `COPY --from`.',
    snippet: '${1:python:3.13-slim}',
  },
  {
    name: 'RUN',
    syntax: 'RUN <command>  |  RUN ["executable", "arg", …]',
    summary: 'Runs a command at build time and saves the result as a new layer. Chain related commands with && so they share one layer.',
  },
  {
    name: 'CMD',
    syntax: 'CMD ["executable", "arg", …]',
    summary:
      'The default command of a container started from the image; `docker run IMAGE cmd` replaces it. Prefer the JSON (exec) form so your program receives signals.',
    snippet: '["${1:python}", "${2:app.py}"]',
  },
  {
    name: 'ENTRYPOINT',
    syntax: 'ENTRYPOINT ["executable", "arg", …]',
    summary: 'The program the container always runs; CMD (or the arguments to `docker run`) are appended to it.',
    snippet: '["${1:python}", "${2:app.py}"]',
  },
  {
    name: 'COPY',
    syntax: 'COPY [--chown=<user>:<group>] [--from=<stage>] <src>… <dest>',
    summary: 'Copies files from the build context (or another stage with --from) into the image. A destination ending in / is a directory.',
    flags: [
      {
        name: '--from',
        syntax: '--from=<stage|image>',
        summary:
          'Copy from an earlier build stage (by `AS` name or index) or from an image instead of the build context: the heart of multi-stage builds.',
      },
      CHOWN,
    ],
  },
  {
    name: 'ADD',
    syntax: 'ADD [--chown=<user>:<group>] <src>… <dest>',
    summary: 'Like COPY, but also unpacks local tar archives (and can fetch URLs). Prefer COPY unless you need the unpacking.',
    flags: [CHOWN],
  },
  {
    name: 'ENV',
    syntax: 'ENV <key>=<value> …',
    summary: 'Sets environment variables for the following build steps and for containers started from the image.',
    snippet: '${1:NAME}=${2:value}',
  },
  {
    name: 'ARG',
    syntax: 'ARG <name>[=<default>]',
    summary: 'A build-time variable (`docker build --build-arg name=value`). Unlike ENV it is not set in the running container.',
  },
  {
    name: 'WORKDIR',
    syntax: 'WORKDIR /absolute/path',
    summary:
      'Sets the working directory for the following RUN, CMD, ENTRYPOINT, COPY and ADD, creating it if needed. Use an absolute path.',
    snippet: '${1:/app}',
  },
  {
    name: 'USER',
    syntax: 'USER <user>[:<group>]',
    summary:
      'Runs the following steps and the container as this user instead of root. Create the user first (e.g. RUN useradd --create-home app).',
  },
  {
    name: 'EXPOSE',
    syntax: 'EXPOSE <port>[/<protocol>] …',
    summary: 'Documents the port(s) the application listens on. It does not publish them: that is `docker run -p`.',
  },
  {
    name: 'HEALTHCHECK',
    syntax: 'HEALTHCHECK [options] CMD <command>  |  HEALTHCHECK NONE',
    summary: 'How Docker tests that the container still works; the command exits 0 when healthy, 1 when not.',
    snippet: '--interval=${1:30s} CMD ${2:curl -f http://localhost/ || exit 1}',
    flags: [
      { name: '--interval', syntax: '--interval=<duration>', summary: 'Time between checks (default 30s).' },
      { name: '--timeout', syntax: '--timeout=<duration>', summary: 'A check taking longer counts as failed (default 30s).' },
      {
        name: '--start-period',
        syntax: '--start-period=<duration>',
        summary: 'Start-up time during which failures do not count (default 0s).',
      },
      { name: '--retries', syntax: '--retries=<n>', summary: 'Consecutive failures before the container is unhealthy (default 3).' },
    ],
  },
  {
    name: 'LABEL',
    syntax: 'LABEL <key>="<value>" …',
    summary: 'Adds metadata to the image (maintainer, version, description); shown by `docker inspect`.',
    snippet: '${1:org.opencontainers.image.description}="${2}"',
  },
  {
    name: 'VOLUME',
    syntax: 'VOLUME ["/path", …]',
    summary: 'Marks a directory as holding data that lives outside the container; Docker mounts a volume there on each run.',
  },
  {
    name: 'STOPSIGNAL',
    syntax: 'STOPSIGNAL <signal>',
    summary: 'The signal `docker stop` sends to ask the container to exit (default SIGTERM).',
  },
  {
    name: 'SHELL',
    syntax: 'SHELL ["executable", "arg", …]',
    summary: 'The shell used by the shell form of RUN, CMD and ENTRYPOINT (default ["/bin/sh", "-c"]).',
    snippet: '["${1:/bin/bash}", "${2:-c}"]',
  },
  {
    name: 'ONBUILD',
    syntax: 'ONBUILD <INSTRUCTION>',
    summary: 'An instruction stored in the image and run later, when another Dockerfile builds FROM this image.',
  },
];

const byName = new Map(instructionDocs.map((doc) => [doc.name, doc]));

/** The doc of an instruction keyword, any case. */
export function instructionDoc(keyword: string): InstructionDoc | undefined {
  return byName.get(keyword.toUpperCase());
}

/** The doc of a flag (`--chown=…` or `--chown`) as used after `instruction`. */
export function flagDoc(instruction: string, flag: string): FlagDoc | undefined {
  const name = flag.split('=')[0];
  return instructionDoc(instruction)?.flags?.find((f) => f.name === name);
}
