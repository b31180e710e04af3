import { eventRoutes } from '@/server/jobs/job-routes';

export const dynamic = 'force-dynamic';
export const { GET } = eventRoutes('build');
