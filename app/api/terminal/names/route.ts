import { route } from '@/server/http';
import { currentLearner } from '@/server/session';
import { completionNames } from '@/server/terminal/names';

export const dynamic = 'force-dynamic';

/** The learner's image and container names, for tab completion. */
export const GET = route(async () => Response.json(await completionNames(await currentLearner())));
