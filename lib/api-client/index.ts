/** The browser's one API client: `learner` and `instructor` calls, one ApiError. */
export { ApiError, NETWORK_ERROR_MESSAGE, type ApiIssue } from './api-error';
export { settle, type Result } from './request';
export * as learnerApi from './learner';
export * as instructorApi from './instructor';
export type * from './schemas';
export * as terminalApi from './terminal';
