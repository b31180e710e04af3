import { terminalCommands } from '@/server/db/terminal-commands';
import { route } from '@/server/http';
import { currentLearner } from '@/server/session';

export const dynamic = 'force-dynamic';

/** The learner's own recent command lines, oldest first: ↑ history survives a reload. */
export const GET = route(async () => Response.json({ lines: terminalCommands(await currentLearner(), { limit: 100 }).map((c) => c.line) }));
