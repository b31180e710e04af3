/**
 * The one error the browser's API client throws: the server's
 * `{error, message, issues}` (see server/errors.ts), a network failure, or an
 * answer the page cannot read. `message` is always a sentence for the learner.
 */
export type ApiIssue = { path?: string; line?: number; message: string };

export const NETWORK_ERROR_MESSAGE = 'Could not reach the Layerlab server. Check your connection and try again.';
export const BAD_RESPONSE_MESSAGE = 'The server sent an answer this page does not understand. Reload the page.';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when the server could not be reached. */
    readonly status: number,
    /** The server's error code (`dockerfile_refused`, `not_found`…), or `network` / `bad_response`. */
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
  ) {
    super(message);
  }
}

export function networkError(): ApiError {
  return new ApiError(0, 'network', NETWORK_ERROR_MESSAGE);
}
