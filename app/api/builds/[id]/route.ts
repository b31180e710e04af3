import { jobRoutes } from '@/server/jobs/job-routes';

export const { GET, DELETE } = jobRoutes('build');
