import 'server-only';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { levenshtein } from '@/lib/levenshtein';

/**
 * The one place that reads the environment. Every LAYERLAB_* variable is parsed
 * here, once, by zod; defaults work on a laptop or a fresh classroom server.
 * The README's configuration table mirrors this schema.
 */

const int = (def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);
const num = (def: number, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number from ${min} to ${max}` })
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`)
    .default(def);
const bool = (def: boolean) =>
  z
    .enum(['1', '0', 'true', 'false', 'yes', 'no'])
    .default(def ? 'true' : 'false')
    .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Comma-separated addresses or CIDR ranges, e.g. `127.0.0.1, 10.0.0.0/8, ::1`. */
const addressList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((e) => e.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z.string().refine((e) => {
        const [addr, bits, extra] = e.split('/');
        if (extra !== undefined || !isIP(addr)) return false;
        if (bits === undefined) return true;
        const max = isIP(addr) === 6 ? 128 : 32;
        return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
      }, 'must be IP addresses or CIDR ranges separated by commas, e.g. 127.0.0.1,10.0.0.0/8'),
    ),
  );

export const envSchema = z.object({
  LAYERLAB_PORT: int(3000, 1, 65535).describe('HTTP port of the web app'),
  LAYERLAB_DOCKER_HOST: z
    .string()
    .regex(/^(unix:\/\/\/.+|tcp:\/\/[^\s/]+:\d+)$/, 'must look like unix:///path/docker.sock or tcp://host:2376')
    .optional()
    .describe('Use an existing sandbox engine instead of starting our own'),
  LAYERLAB_DOCKER_TLS_DIR: z.string().optional().describe('Folder with ca.pem, cert.pem, key.pem for a tcp engine'),
  LAYERLAB_SANDBOX_DIR: z.string().default('.sandbox').describe('State of the private engine: data-root, logs, database'),
  LAYERLAB_RUN_DIR: z.string().optional().describe('Short path for the engine socket and exec-root'),
  LAYERLAB_SANDBOX_DISK_GB: int(20, 2, 4096).describe('Size of the engine data-root filesystem (sparse file)'),
  LAYERLAB_RUNTIME: z.enum(['auto', 'runsc', 'runc']).default('auto').describe('Container runtime; auto = gVisor when installed'),
  LAYERLAB_DB_PATH: z.string().optional().describe('SQLite database file'),
  LAYERLAB_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Cookie signing key'),
  LAYERLAB_CACHE_DIR: z.string().optional().describe('Cache of base-image root filesystems'),
  LAYERLAB_LESSONS_DIR: z.string().default('lessons').describe('Folder of lessons'),
  // Read by next.config.js (Next loads it before any server code); listed here so it is documented and checked.
  LAYERLAB_NEXT_DIR: z
    .string()
    .regex(/^\.next[\w-]*$/, 'must be a folder name starting with .next')
    .default('.next')
    .describe('Folder of the Next.js build'),
  LAYERLAB_MAX_CONCURRENT_JOBS: int(Math.max(1, os.cpus().length), 1, 256).describe('Jobs running at once'),
  LAYERLAB_MAX_QUEUED_PER_LEARNER: int(2, 0, 50).describe('Queued jobs a learner may have besides the running one'),
  LAYERLAB_MAX_QUEUED_TOTAL: int(200, 1, 100_000).describe('Jobs that may wait at once, all learners together'),
  LAYERLAB_MAX_QUEUED_PER_ADDRESS: int(12, 1, 100_000).describe(
    'Jobs that anonymous learners from one client address may have queued or running',
  ),
  LAYERLAB_CLASS_SHARE: num(0.75, 0, 1).describe(
    'Share of job slots and queue places kept for learners who joined a class, while at least one class exists',
  ),
  LAYERLAB_NEW_SESSIONS_PER_MIN: int(60, 1, 100_000).describe('New learner sessions one client address may open per minute'),
  LAYERLAB_TRUSTED_PROXIES: addressList.describe('Reverse proxies whose X-Forwarded-For / X-Real-IP / X-Forwarded-Host are believed'),
  LAYERLAB_WORKSPACE_TTL_DAYS: int(30, 1, 3650).describe(
    "Days an anonymous learner's unused workspaces are kept (class members' are kept)",
  ),
  LAYERLAB_LEARNER_STORAGE_MB: int(8, 1, 4096).describe('Saved files, build contexts and job logs one learner may keep'),
  LAYERLAB_BUILD_MEMORY_MB: int(512, 64, 65536),
  LAYERLAB_BUILD_CPUS: num(1, 0.1, 64),
  // Counts the gVisor sandbox's host tasks, not the step's processes: on the ptrace platform each guest
  // process costs about 7 (1024 leaves ~130 guest processes; 256 left ~30, too few for a build with 60).
  LAYERLAB_BUILD_PIDS: int(1024, 16, 65536).describe(
    "Host tasks one build step's sandbox may hold (gVisor's own threads plus ~7 per process)",
  ),
  LAYERLAB_BUILD_TIMEOUT_S: int(120, 5, 3600),
  LAYERLAB_BUILD_LOG_KB: int(2048, 16, 1048576),
  LAYERLAB_IMAGE_MAX_MB: int(1024, 16, 65536),
  LAYERLAB_RUN_MEMORY_MB: int(256, 32, 65536),
  LAYERLAB_RUN_CPUS: num(1, 0.1, 64),
  // Host tasks of the run's gVisor sandbox, like LAYERLAB_BUILD_PIDS: 512 leaves ~58 processes (128 left 14).
  LAYERLAB_RUN_PIDS: int(512, 8, 65536).describe("Host tasks one run's sandbox may hold (gVisor's own threads plus ~8 per process)"),
  LAYERLAB_RUN_TIMEOUT_S: int(30, 2, 3600),
  LAYERLAB_RUN_OUTPUT_KB: int(1024, 16, 1048576),
  LAYERLAB_ALLOW_PULL: bool(true).describe('Pull official base images when a registry is reachable'),
  LAYERLAB_INSTRUCTOR_PASSWORD: z
    .string()
    .min(10, 'must be at least 10 characters')
    .optional()
    .describe('Instructor password; when unset, one is generated on first start and printed once'),
  LAYERLAB_INSTRUCTOR_SESSION_H: int(12, 1, 24 * 30).describe('Hours an instructor stays signed in'),
  LAYERLAB_METRICS_TOKEN: z.string().min(16).optional().describe('Bearer token required by /api/metrics (open when unset)'),
  LAYERLAB_IDLE_STOP_MIN: int(30, 1, 24 * 60).describe("Minutes without activity before a learner's containers are stopped"),
  LAYERLAB_SHELL_IDLE_MIN: int(10, 1, 24 * 60).describe('Minutes without a keystroke before a terminal shell (docker run -it) is stopped'),
  LAYERLAB_MAX_SHELLS: int(30, 1, 10_000).describe('Terminal shells (docker run -it) live at once, all learners together'),
  LAYERLAB_MAX_SHELLS_PER_ADDRESS: int(3, 1, 10_000).describe(
    'Terminal shells anonymous learners from one client address may hold together',
  ),
  LAYERLAB_SHELL_MAX_MIN: int(60, 1, 24 * 60).describe('Longest a terminal shell may live, active or not'),
  LAYERLAB_IMAGE_IDLE_H: int(72, 1, 24 * 365).describe('Hours a learner image may go unused before it is removed'),
  LAYERLAB_IMAGE_BUDGET_GB: num(10, 0.1, 4096).describe('Disk budget for all learner images; oldest go first'),
  LAYERLAB_BUILD_CACHE_GB: num(5, 0, 4096).describe(
    "Disk budget for BuildKit's build cache (step layers, RUN --mount=type=cache data); least recently used goes first",
  ),
  LAYERLAB_LOG_RETENTION_DAYS: int(14, 1, 3650).describe('Days job logs are kept'),
  LAYERLAB_GC_INTERVAL_MIN: int(15, 0, 24 * 60).describe('Minutes between clean-up runs (0 = never)'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly issues: { field: string; message: string }[]) {
    super('Invalid configuration:\n' + issues.map((i) => `  ${i.field}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>) {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([k, v]) => k.startsWith('LAYERLAB_') && v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => ({ field: String(i.path[0] ?? '?'), message: i.message })));
  }
  return resolve(parsed.data);
}

/** LAYERLAB_* variables the schema does not know (a typo leaves a setting at its default), each with the closest known name. */
export function unknownVariables(source: Record<string, string | undefined>): { name: string; didYouMean?: string }[] {
  const known = Object.keys(envSchema.shape);
  return Object.keys(source)
    .filter((k) => k.startsWith('LAYERLAB_') && !known.includes(k))
    .sort()
    .map((name) => {
      const [best] = known.map((k) => ({ k, d: levenshtein(name, k) })).sort((a, b) => a.d - b.d);
      return best && best.d <= 3 ? { name, didYouMean: best.k } : { name };
    });
}

function resolve(env: Env) {
  const root = process.cwd();
  const sandboxDir = path.resolve(/*turbopackIgnore: true*/ root, env.LAYERLAB_SANDBOX_DIR);
  // Unix sockets are limited to 108 bytes and dockerd nests containerd's sockets
  // under its exec-root, so those live on a short path keyed by the checkout.
  const shortHash = createHash('sha256').update(sandboxDir).digest('hex').slice(0, 8);
  const runDir = env.LAYERLAB_RUN_DIR ?? `/run/layerlab-${shortHash}`;
  const mb = 1024 * 1024;
  return {
    port: env.LAYERLAB_PORT,
    root,
    lessonsDir: path.resolve(/*turbopackIgnore: true*/ root, env.LAYERLAB_LESSONS_DIR),
    dbPath: path.resolve(/*turbopackIgnore: true*/ root, env.LAYERLAB_DB_PATH ?? path.join(sandboxDir, 'layerlab.db')),
    secret: env.LAYERLAB_SECRET,
    cacheDir: env.LAYERLAB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'layerlab'),
    allowPull: env.LAYERLAB_ALLOW_PULL,
    engine: {
      /** Where a newer gVisor than the system's is kept, when setup had to fetch one. */
      gvisorDir: path.join(env.LAYERLAB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'layerlab'), 'gvisor'),
      /** Where Debian 13's Docker Engine is unpacked when the system's is older than Engine 25. */
      engineDir: path.join(env.LAYERLAB_CACHE_DIR ?? path.join(os.homedir(), '.cache', 'layerlab'), 'engine', 'debian-13'),
      externalHost: env.LAYERLAB_DOCKER_HOST,
      tlsDir: env.LAYERLAB_DOCKER_TLS_DIR,
      runtime: env.LAYERLAB_RUNTIME,
      sandboxDir,
      dataRoot: path.join(sandboxDir, 'data'),
      diskImage: path.join(sandboxDir, 'disk.img'),
      diskGb: env.LAYERLAB_SANDBOX_DISK_GB,
      runDir,
      socket: path.join(runDir, 'docker.sock'),
      execRoot: path.join(runDir, 'exec'),
      pidFile: path.join(runDir, 'docker.pid'),
      logFile: path.join(sandboxDir, 'dockerd.log'),
      daemonJson: path.join(sandboxDir, 'daemon.json'),
    },
    instructor: {
      password: env.LAYERLAB_INSTRUCTOR_PASSWORD,
      sessionMs: env.LAYERLAB_INSTRUCTOR_SESSION_H * 3600_000,
      passwordFile: path.join(sandboxDir, 'instructor-password'),
    },
    ops: {
      metricsToken: env.LAYERLAB_METRICS_TOKEN,
      idleStopMs: env.LAYERLAB_IDLE_STOP_MIN * 60_000,
      imageIdleMs: env.LAYERLAB_IMAGE_IDLE_H * 3600_000,
      imageBudgetBytes: Math.round(env.LAYERLAB_IMAGE_BUDGET_GB * 1024 * mb),
      buildCacheBytes: Math.round(env.LAYERLAB_BUILD_CACHE_GB * 1024 * mb),
      logRetentionMs: env.LAYERLAB_LOG_RETENTION_DAYS * 86_400_000,
      gcIntervalMs: env.LAYERLAB_GC_INTERVAL_MIN * 60_000,
    },
    net: {
      trustedProxies: env.LAYERLAB_TRUSTED_PROXIES,
      newSessionsPerMin: env.LAYERLAB_NEW_SESSIONS_PER_MIN,
    },
    storage: {
      workspaceTtlMs: env.LAYERLAB_WORKSPACE_TTL_DAYS * 86_400_000,
      learnerBytes: env.LAYERLAB_LEARNER_STORAGE_MB * mb,
    },
    shell: {
      idleMs: env.LAYERLAB_SHELL_IDLE_MIN * 60_000,
      maxMs: env.LAYERLAB_SHELL_MAX_MIN * 60_000,
      caps: { max: env.LAYERLAB_MAX_SHELLS, perAddress: env.LAYERLAB_MAX_SHELLS_PER_ADDRESS, classShare: env.LAYERLAB_CLASS_SHARE },
    },
    queue: {
      maxQueuedPerAddress: env.LAYERLAB_MAX_QUEUED_PER_ADDRESS,
      classShare: env.LAYERLAB_CLASS_SHARE,
      maxConcurrent: env.LAYERLAB_MAX_CONCURRENT_JOBS,
      maxQueuedPerLearner: env.LAYERLAB_MAX_QUEUED_PER_LEARNER,
      maxQueuedTotal: env.LAYERLAB_MAX_QUEUED_TOTAL,
    },
    limits: {
      build: {
        memoryBytes: env.LAYERLAB_BUILD_MEMORY_MB * mb,
        cpus: env.LAYERLAB_BUILD_CPUS,
        pids: env.LAYERLAB_BUILD_PIDS,
        timeoutMs: env.LAYERLAB_BUILD_TIMEOUT_S * 1000,
        logBytes: env.LAYERLAB_BUILD_LOG_KB * 1024,
        imageMaxBytes: env.LAYERLAB_IMAGE_MAX_MB * mb,
      },
      run: {
        memoryBytes: env.LAYERLAB_RUN_MEMORY_MB * mb,
        cpus: env.LAYERLAB_RUN_CPUS,
        pids: env.LAYERLAB_RUN_PIDS,
        timeoutMs: env.LAYERLAB_RUN_TIMEOUT_S * 1000,
        outputBytes: env.LAYERLAB_RUN_OUTPUT_KB * 1024,
      },
    },
  };
}

export type Config = ReturnType<typeof resolve>;
export type Limits = Config['limits'];

let cached: Config | undefined;

/** The configuration of this process, parsed on first use. */
export function config(): Config {
  cached ??= parseEnv(process.env);
  return cached;
}
