import type { AccessReviewItem, CertificationDecision } from '../../../../api/schemas';
import { fetchItems, type ItemQuery } from '../items';

/**
 * What the grid asks the page to do. The grid never decides by itself: the page confirms bulk actions,
 * asks for comments the campaign requires, and calls useDecisions().decide.
 */
export type DecisionScope = 'rows' | 'selection' | 'filter';

/**
 * "Everything matching": how many items match, the view in words, and either the items themselves
 * (`complete`: the request's `items` holds every matching item) or the API query that reads them.
 * Always go through `resolveRequestItems`: in client mode (new access, privileged, risk order) there is
 * no API query for the view, and fetching a looser query would act on items the reviewer never saw.
 */
export type MatchingFilter = {
  /** How many items match (the server's X-Total-Count, or the index count in client mode). */
  count: number;
  /** The view in words, for the confirmation ("Items: privileged, entitlement"). */
  description: string;
} & (
  | {
      complete: true;
      /** Present when the API filter describes exactly these items (e.g. one identity). */
      query?: ItemQuery;
    }
  | {
      complete: false;
      /** The API-filterable view: fetchItems(certificationId, query) returns exactly the matching items. */
      query: ItemQuery;
    }
);

export interface DecisionRequestOptions {
  bulk: boolean;
  scope: DecisionScope;
  /** Only for scope 'filter'. */
  filter?: MatchingFilter;
}

export type RequestDecision = (items: AccessReviewItem[], decision: CertificationDecision, options: DecisionRequestOptions) => void;

/**
 * The items a request acts on: the ones given, or for "all matching" beyond the loaded page, every
 * matching item read from the tenant (pages of 250).
 */
export async function resolveRequestItems(
  certificationId: string,
  items: AccessReviewItem[],
  options: DecisionRequestOptions,
  onProgress?: (loaded: number, total: number | undefined) => void,
): Promise<AccessReviewItem[]> {
  if (options.scope !== 'filter' || !options.filter || options.filter.complete) return items;
  return fetchItems(certificationId, options.filter.query, onProgress, { expectedTotal: options.filter.count });
}
