/**
 * Every failure of the client becomes an ApiError: an HTTP error with ISC's ErrorResponseDto fields, a
 * network failure, or a response whose body did not match the operation's schema. `message` is readable
 * by a person; `advice` says what to do about it.
 */
export type ApiErrorKind = 'http' | 'network' | 'invalid-response' | 'aborted';

export interface ApiErrorInit {
  kind: ApiErrorKind;
  operationId: string;
  status?: number;
  detailCode?: string;
  trackingId?: string;
  messages?: string[];
  retryAfterSeconds?: number;
  cause?: unknown;
}

const STATUS_ADVICE: Record<number, string> = {
  400: 'The request was not accepted. Check the values and try again.',
  401: 'Your session has expired or is not valid. Sign in again; nothing you entered is lost.',
  403: 'You do not have permission for this. Ask an ISC administrator if you need access.',
  404: 'It no longer exists, or you cannot see it. Go back and pick it again from the list.',
  429: 'The tenant is rate-limiting requests. Wait a few seconds and try again.',
};

export class ApiError extends Error {
  override name = 'ApiError';
  readonly kind: ApiErrorKind;
  readonly operationId: string;
  readonly status: number | undefined;
  readonly detailCode: string | undefined;
  readonly trackingId: string | undefined;
  readonly messages: string[];
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ApiErrorInit) {
    super(describe(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.operationId = init.operationId;
    this.status = init.status;
    this.detailCode = init.detailCode;
    this.trackingId = init.trackingId;
    this.messages = init.messages ?? [];
    this.retryAfterSeconds = init.retryAfterSeconds;
  }

  /** What the person can do about it. */
  get advice(): string {
    if (this.kind === 'network') return 'Check your connection and try again.';
    if (this.kind === 'invalid-response') return 'The tenant answered with data Attest does not understand. Try again; if it persists, report it with the details below.';
    if (this.status !== undefined && STATUS_ADVICE[this.status]) return STATUS_ADVICE[this.status]!;
    if (this.status !== undefined && this.status >= 500) return 'The tenant had a problem. Try again in a moment.';
    return 'Try again.';
  }

  /** Worth retrying automatically: rate limits, network failures and server faults. */
  get isTransient(): boolean {
    return this.kind === 'network' || this.status === 429 || (this.status !== undefined && this.status >= 500);
  }
}

function describe(init: ApiErrorInit): string {
  const what = init.messages?.filter(Boolean).join(' ') || undefined;
  switch (init.kind) {
    case 'network':
      return `Could not reach the tenant (${init.operationId}).`;
    case 'aborted':
      return `The request was cancelled (${init.operationId}).`;
    case 'invalid-response':
      return `Unexpected response from ${init.operationId}: ${what ?? 'the body did not match the API definition'}.`;
    case 'http': {
      const code = init.detailCode ?? `HTTP ${init.status}`;
      return what ? `${what} (${code})` : `${init.operationId} failed (${code}).`;
    }
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
