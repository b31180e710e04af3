/** Command-line flags of `npm run bench`. */

export const SECTIONS = ['overhead', 'latency', 'classroom', 'flood', 'page-weight', 'lint', 'terminal'] as const;
export type SectionName = (typeof SECTIONS)[number];

export function parseArgs(argv: string[]) {
  let only: SectionName[] = [...SECTIONS];
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') quick = true;
    else if (a === '--only' || a.startsWith('--only=')) {
      const list = a.includes('=') ? a.slice('--only='.length) : (argv[++i] ?? '');
      only = list
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean) as SectionName[];
      const unknown = only.filter((s) => !SECTIONS.includes(s));
      if (unknown.length) throw new Error(`unknown section(s): ${unknown.join(', ')}; choose from ${SECTIONS.join(', ')}`);
    } else if (a === '--help' || a === '-h') {
      console.log(
        `npm run bench [-- --only ${SECTIONS.join(',')}] [--quick]\nEnv: BENCH_PORT (3400), BENCH_URL (use a running server; RSS/CPU then not measured)`,
      );
      process.exit(0);
    } else throw new Error(`unknown flag ${a} (try --help)`);
  }
  return { only, quick };
}
