import { queryOptions, useQuery } from '@tanstack/react-query';
import { f } from '../../../../api/filters';
import { getPublicIdentities, publicAttribute, type PublicIdentity } from '../../../../api/lookups';

/** What the workspace shows about a person under review, where the tenant publishes it. */
export interface PersonFacts {
  title?: string;
  department?: string;
  manager?: string;
}

export function personFacts(identity: PublicIdentity | undefined): PersonFacts {
  if (!identity) return {};
  return {
    title: publicAttribute(identity, ['title', 'jobTitle', 'job_title', 'Job title']),
    department: publicAttribute(identity, ['department', 'Department']),
    manager: identity.manager?.name?.trim() || undefined,
  };
}

/** At most this many ids in one `id in (...)` look-up. */
const IDS_PER_CALL = 50;

export const peopleQueries = {
  /** Public identities by id (getPublicIdentities: open to every signed-in user). */
  byIds: (ids: readonly string[]) =>
    queryOptions({
      queryKey: ['identities', 'public', [...ids].sort()] as const,
      queryFn: async ({ signal }) => {
        const found = new Map<string, PublicIdentity>();
        for (let i = 0; i < ids.length; i += IDS_PER_CALL) {
          const chunk = ids.slice(i, i + IDS_PER_CALL);
          const page = await getPublicIdentities({ filters: f.in('id', chunk), limit: chunk.length }, { signal });
          for (const identity of page.items) found.set(identity.id, identity);
        }
        return found;
      },
      enabled: ids.length > 0,
      staleTime: 5 * 60_000,
    }),
};

/** The public identities of these ids; a failed look-up leaves the facts out (they are extras, not the review). */
export function usePeople(ids: readonly string[]) {
  return useQuery(peopleQueries.byIds(ids));
}
