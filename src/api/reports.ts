import * as z from 'zod/mini';
import { call, path, requestFile } from './http';
import { toFilterString, type Filter } from './filters';
import type { FilterField } from './collections';

/**
 * Supporting operations around campaign reports (not among the 33 of the two certification tags; their
 * definition is SailPoint's v3 supporting spec): the report file (Reports Data Extraction) and the
 * decision summary of a certification (Certification Summaries).
 */

type RequestOptions = { signal?: AbortSignal };

export type ReportFileFormat = 'csv' | 'pdf';

export interface ReportFile {
  blob: Blob;
  /** From Content-Disposition, when the tenant names the file. */
  fileName: string | null;
  contentType: string;
}

/**
 * `getReport`: a finished report's file by its task result id (a campaign report's `id`). The user levels are
 * the report readers' (ORG_ADMIN, CERT_ADMIN, REPORT_ADMIN).
 */
export function getReport(
  taskResultId: string,
  params: { fileFormat: ReportFileFormat; name?: string; auditable?: boolean },
  options: RequestOptions = {},
): Promise<ReportFile> {
  return requestFile(
    {
      operationId: 'getReport',
      method: 'GET',
      path: path`/reports/${taskResultId}`,
      query: { fileFormat: params.fileFormat, name: params.name, auditable: params.auditable },
      ...options,
    },
    params.fileFormat === 'csv' ? 'application/csv, text/csv, application/json' : 'application/pdf, application/json',
  );
}

/** IdentityCertDecisionSummary: decisions made, total, approved and revoked per access type. */
export const IdentityCertDecisionSummary = z.object({
  entitlementDecisionsMade: z.optional(z.int()),
  accessProfileDecisionsMade: z.optional(z.int()),
  roleDecisionsMade: z.optional(z.int()),
  accountDecisionsMade: z.optional(z.int()),
  entitlementDecisionsTotal: z.optional(z.int()),
  accessProfileDecisionsTotal: z.optional(z.int()),
  roleDecisionsTotal: z.optional(z.int()),
  accountDecisionsTotal: z.optional(z.int()),
  entitlementsApproved: z.optional(z.int()),
  entitlementsRevoked: z.optional(z.int()),
  accessProfilesApproved: z.optional(z.int()),
  accessProfilesRevoked: z.optional(z.int()),
  rolesApproved: z.optional(z.int()),
  rolesRevoked: z.optional(z.int()),
  accountsApproved: z.optional(z.int()),
  accountsRevoked: z.optional(z.int()),
});
export type IdentityCertDecisionSummary = z.infer<typeof IdentityCertDecisionSummary>;

/** `getIdentityDecisionSummary` (ORG_ADMIN, CERT_ADMIN, or the certification's reviewer); filter by `identitySummary.id`. */
export function getIdentityDecisionSummary(
  id: string,
  params: { filters?: Filter<FilterField<'getIdentityDecisionSummary'>> } = {},
  options: RequestOptions = {},
): Promise<IdentityCertDecisionSummary> {
  return call({
    operationId: 'getIdentityDecisionSummary',
    method: 'GET',
    path: path`/certifications/${id}/decision-summary`,
    query: { filters: params.filters ? toFilterString(params.filters) : undefined },
    schema: IdentityCertDecisionSummary,
    ...options,
  });
}

/** Revoked and decided counts over every access type of a summary. */
export function summaryTotals(summary: IdentityCertDecisionSummary): { made: number; total: number; approved: number; revoked: number } {
  const n = (v: number | undefined) => v ?? 0;
  return {
    made: n(summary.entitlementDecisionsMade) + n(summary.accessProfileDecisionsMade) + n(summary.roleDecisionsMade) + n(summary.accountDecisionsMade),
    total: n(summary.entitlementDecisionsTotal) + n(summary.accessProfileDecisionsTotal) + n(summary.roleDecisionsTotal) + n(summary.accountDecisionsTotal),
    approved: n(summary.entitlementsApproved) + n(summary.accessProfilesApproved) + n(summary.rolesApproved) + n(summary.accountsApproved),
    revoked: n(summary.entitlementsRevoked) + n(summary.accessProfilesRevoked) + n(summary.rolesRevoked) + n(summary.accountsRevoked),
  };
}
