import type { ErrorResponseDto } from '../api/schemas';

/** A rule's refusal: becomes an HTTP error with ISC's ErrorResponseDto body. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detailCode = DETAIL_CODES[status] ?? `${status}`,
  ) {
    super(message);
  }
}

const DETAIL_CODES: Record<number, string> = {
  400: '400.0 Bad Request',
  401: '401 Unauthorized',
  403: '403 Forbidden',
  404: '404 Not found',
  500: '500.0 Internal Fault',
  503: '503 Service Unavailable',
};

export const badRequest = (message: string) => new SandboxError(400, message, '400.1 Bad Request Content');
export const forbidden = (message = 'The server understood the request but refuses to authorize it.') => new SandboxError(403, message);
export const notFound = (what: string, id: string) => new SandboxError(404, `${what} with id ${id} was not found.`);

export function errorBody(error: SandboxError): ErrorResponseDto {
  return {
    detailCode: error.detailCode,
    trackingId: crypto.randomUUID().replace(/-/g, ''),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text: error.message }],
    causes: [],
  };
}
