import { expect } from 'vitest';
import { ApiError } from '../src/api/errors';

/** Awaits a call that must fail, and answers its ApiError. */
export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error('expected the request to fail');
}

/** Awaits a call the tenant must refuse with this status (and a message matching, if given). */
export async function refused(promise: Promise<unknown>, status: number, message?: RegExp): Promise<ApiError> {
  const error = await failure(promise);
  expect(error.status, error.message).toBe(status);
  if (message) expect(error.message).toMatch(message);
  return error;
}
