import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { compare } from 'fast-json-patch';
import {
  createCampaignTemplate,
  deleteCampaignTemplate,
  deleteCampaignTemplateSchedule,
  getActiveCampaigns,
  getCampaignTemplate,
  getCampaignTemplates,
  getCampaignTemplateSchedule,
  patchCampaignTemplate,
  setCampaignTemplateSchedule,
  startGenerateCampaignTemplate,
} from '../../api/campaigns';
import { fetchAllPages, type Sorter } from '../../api/collections';
import { isApiError } from '../../api/errors';
import { f } from '../../api/filters';
import type { CampaignTemplate, JsonPatchOperation, Schedule } from '../../api/schemas';

/** A template's schedule, or null when it has none (ISC answers 404). */
async function scheduleOrNull(id: string, signal?: AbortSignal): Promise<Schedule | null> {
  try {
    return await getCampaignTemplateSchedule(id, { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const templateQueries = {
  all: () => ['campaign-templates'] as const,
  /** One page of templates, name-filtered (sw) and sorted by the tenant. */
  page: (name: string, paging: { offset: number; limit: number; sorters: Sorter<'getCampaignTemplates'>[] }) =>
    queryOptions({
      queryKey: [...templateQueries.all(), 'page', name, paging] as const,
      queryFn: ({ signal }) =>
        getCampaignTemplates({ filters: name.trim() ? f.sw('name', name.trim()) : undefined, sorters: paging.sorters, offset: paging.offset, limit: paging.limit, count: true }, { signal }),
      placeholderData: keepPreviousData,
    }),
  /** Every template, walked 250 at a time (the calendar). */
  everything: () =>
    queryOptions({
      queryKey: [...templateQueries.all(), 'everything'] as const,
      queryFn: ({ signal }) => fetchAllPages((paging) => getCampaignTemplates({ ...paging, sorters: ['name'] }, { signal })),
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...templateQueries.all(), 'detail', id] as const,
      queryFn: ({ signal }) => getCampaignTemplate(id, { signal }),
    }),
  schedule: (id: string) =>
    queryOptions({
      queryKey: [...templateQueries.all(), 'schedule', id] as const,
      queryFn: ({ signal }) => scheduleOrNull(id, signal),
    }),
  /** Every campaign (FULL: the look back needs their sources). */
  campaigns: () =>
    queryOptions({
      queryKey: ['campaigns', 'templates-calendar'] as const,
      queryFn: ({ signal }) => fetchAllPages((paging) => getActiveCampaigns({ ...paging, detail: 'FULL', sorters: ['-created'] }, { signal })),
    }),
};

/** The writable fields of a template: what create takes and what a patch compares. */
export type TemplateFields = Pick<CampaignTemplate, 'name' | 'description' | 'deadlineDuration' | 'campaign'>;

function writable(template: TemplateFields): TemplateFields {
  return { name: template.name, description: template.description, deadlineDuration: template.deadlineDuration ?? null, campaign: template.campaign };
}

/** The JSON Patch from a template to its edited fields (replace-only where a value changed). */
export function templatePatch(before: TemplateFields, after: TemplateFields): JsonPatchOperation[] {
  return compare(writable(before), writable(after)) as JsonPatchOperation[];
}

/** Creates a template (ISC answers 200 with it); lists refresh. */
export function useCreateTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (fields: TemplateFields) => createCampaignTemplate(fields as CampaignTemplate),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: templateQueries.all() }),
  });
}

/** Sends only what changed, as JSON Patch. */
export function usePatchTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (operations: JsonPatchOperation[]) => patchCampaignTemplate(id, operations),
    onSuccess: (template) => {
      queryClient.setQueryData(templateQueries.detail(id).queryKey, template);
      return queryClient.invalidateQueries({ queryKey: templateQueries.all() });
    },
  });
}

/** Deletes a template (and, on ISC, its schedule). */
export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteCampaignTemplate(id),
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: templateQueries.detail(id).queryKey });
      return queryClient.invalidateQueries({ queryKey: templateQueries.all() });
    },
  });
}

/** Sets (overwrites) or deletes a template's schedule; the template's `scheduled` flag follows. */
export function useScheduleMutations(id: string) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: templateQueries.all() });
  const set = useMutation({ mutationFn: (schedule: Schedule) => setCampaignTemplateSchedule(id, schedule), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => deleteCampaignTemplateSchedule(id), onSuccess: refresh });
  return { set, remove };
}

/** Generates a campaign from the template now; answers its reference. */
export function useGenerateFromTemplate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => startGenerateCampaignTemplate(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['campaigns'] }),
  });
}
