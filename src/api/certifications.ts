import * as z from 'zod/mini';
import * as S from './schemas';
import { call, path, requestPage } from './http';
import type { Filter } from './filters';
import type { CollectionPage, FilterField, Paging, Sorter } from './collections';

/** The 11 operations of ISC v3's Certifications tag, one typed function each, named after its operationId. */

type RequestOptions = { signal?: AbortSignal; accessToken?: string };

export interface ListIdentityCertificationsParams extends Paging {
  /** `me` for the signed-in identity. */
  reviewerIdentity?: string;
  filters?: Filter<FilterField<'listIdentityCertifications'>>;
  sorters?: Sorter<'listIdentityCertifications'>[];
}

export function listIdentityCertifications(
  params: ListIdentityCertificationsParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.IdentityCertificationDto>> {
  const { reviewerIdentity, filters, sorters, ...paging } = params;
  return requestPage({
    operationId: 'listIdentityCertifications',
    path: '/certifications',
    query: { 'reviewer-identity': reviewerIdentity },
    paging,
    filters,
    sorters,
    schema: z.array(S.IdentityCertificationDto),
    ...options,
  });
}

export function getIdentityCertification(id: string, options: RequestOptions = {}): Promise<S.IdentityCertificationDto> {
  return call({
    operationId: 'getIdentityCertification',
    method: 'GET',
    path: path`/certifications/${id}`,
    schema: S.IdentityCertificationDto,
    ...options,
  });
}

export interface ListIdentityAccessReviewItemsParams extends Paging {
  filters?: Filter<FilterField<'listIdentityAccessReviewItems'>>;
  sorters?: Sorter<'listIdentityAccessReviewItems'>[];
  /** Only one of entitlements, accessProfiles and roles may be given. */
  entitlements?: string[];
  accessProfiles?: string[];
  roles?: string[];
}

export function listIdentityAccessReviewItems(
  id: string,
  params: ListIdentityAccessReviewItemsParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.AccessReviewItem>> {
  const { filters, sorters, entitlements, accessProfiles, roles, ...paging } = params;
  return requestPage({
    operationId: 'listIdentityAccessReviewItems',
    path: path`/certifications/${id}/access-review-items`,
    query: {
      entitlements: entitlements?.join(','),
      'access-profiles': accessProfiles?.join(','),
      roles: roles?.join(','),
    },
    paging,
    filters,
    sorters,
    schema: z.array(S.AccessReviewItem),
    ...options,
  });
}

/** Records 1 to 250 decisions; answers the updated certification. */
export function makeIdentityDecision(
  id: string,
  decisions: S.ReviewDecision[],
  options: RequestOptions = {},
): Promise<S.IdentityCertificationDto> {
  return call({
    operationId: 'makeIdentityDecision',
    method: 'POST',
    path: path`/certifications/${id}/decide`,
    body: decisions,
    schema: S.IdentityCertificationDto,
    ...options,
  });
}

/** Reassigns up to 50 identities or items to another reviewer. */
export function reassignIdentityCertifications(
  id: string,
  body: S.ReviewReassign,
  options: RequestOptions = {},
): Promise<S.IdentityCertificationDto> {
  return call({
    operationId: 'reassignIdentityCertifications',
    method: 'POST',
    path: path`/certifications/${id}/reassign`,
    body,
    schema: S.IdentityCertificationDto,
    ...options,
  });
}

export function signOffIdentityCertification(id: string, options: RequestOptions = {}): Promise<S.IdentityCertificationDto> {
  return call({
    operationId: 'signOffIdentityCertification',
    method: 'POST',
    path: path`/certifications/${id}/sign-off`,
    schema: S.IdentityCertificationDto,
    ...options,
  });
}

export interface GetIdentityCertificationItemPermissionsParams extends Paging {
  filters?: Filter<FilterField<'getIdentityCertificationItemPermissions'>>;
}

export function getIdentityCertificationItemPermissions(
  certificationId: string,
  itemId: string,
  params: GetIdentityCertificationItemPermissionsParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.PermissionDto>> {
  const { filters, ...paging } = params;
  return requestPage({
    operationId: 'getIdentityCertificationItemPermissions',
    path: path`/certifications/${certificationId}/access-review-items/${itemId}/permissions`,
    paging,
    filters,
    schema: z.array(S.PermissionDto),
    ...options,
  });
}

export interface ListCertificationReviewersParams extends Paging {
  filters?: Filter<FilterField<'listCertificationReviewers'>>;
  sorters?: Sorter<'listCertificationReviewers'>[];
}

export function listCertificationReviewers(
  id: string,
  params: ListCertificationReviewersParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.IdentityReferenceWithNameAndEmail>> {
  const { filters, sorters, ...paging } = params;
  return requestPage({
    operationId: 'listCertificationReviewers',
    path: path`/certifications/${id}/reviewers`,
    paging,
    filters,
    sorters,
    schema: z.array(S.IdentityReferenceWithNameAndEmail),
    ...options,
  });
}

/** Reassigns up to 500 identities or items in the background; follow the task with getCertificationTask. */
export function submitReassignCertsAsync(
  id: string,
  body: S.ReviewReassign,
  options: RequestOptions = {},
): Promise<S.CertificationTask> {
  return call({
    operationId: 'submitReassignCertsAsync',
    method: 'POST',
    path: path`/certifications/${id}/reassign-async`,
    body,
    schema: S.CertificationTask,
    ...options,
  });
}

export function getCertificationTask(id: string, options: RequestOptions = {}): Promise<S.CertificationTask> {
  return call({
    operationId: 'getCertificationTask',
    method: 'GET',
    path: path`/certification-tasks/${id}`,
    schema: S.CertificationTask,
    ...options,
  });
}

export interface GetPendingCertificationTasksParams extends Paging {
  reviewerIdentity?: string;
  filters?: Filter<FilterField<'getPendingCertificationTasks'>>;
}

/** Lists QUEUED and IN_PROGRESS tasks only. */
export function getPendingCertificationTasks(
  params: GetPendingCertificationTasksParams = {},
  options: RequestOptions = {},
): Promise<CollectionPage<S.CertificationTask>> {
  const { reviewerIdentity, filters, ...paging } = params;
  return requestPage({
    operationId: 'getPendingCertificationTasks',
    path: '/certification-tasks',
    query: { 'reviewer-identity': reviewerIdentity },
    paging,
    filters,
    schema: z.array(S.CertificationTask),
    ...options,
  });
}
