// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { setupSandbox } from '../../../test/sandbox-harness';
import { fetchAllPages } from '../../api/collections';
import { f } from '../../api/filters';
import { getCampaign } from '../../api/campaigns';
import { listIdentityAccessReviewItems, listIdentityCertifications, makeIdentityDecision, signOffIdentityCertification } from '../../api/certifications';
import type { CertificationDecision } from '../../api/schemas';
import { DURATIONS } from './lifecycle';

const sb = setupSandbox();

/** Decides every item of every certification of a campaign as an admin, then signs each off. */
async function signEverything(campaignId: string, decision: CertificationDecision) {
  const certs = await fetchAllPages((paging) => listIdentityCertifications({ ...paging, filters: f.eq('campaign.id', campaignId) }));
  for (const cert of certs) {
    const items = await fetchAllPages((paging) => listIdentityAccessReviewItems(cert.id!, { ...paging, filters: f.eq('completed', false) }));
    for (let i = 0; i < items.length; i += 250) {
      await makeIdentityDecision(
        cert.id!,
        items.slice(i, i + 250).map((item) => ({ id: item.id!, decision, bulk: true, comments: 'Reviewed in the quarterly audit' })),
      );
    }
    if (cert.phase === 'ACTIVE') await signOffIdentityCertification(cert.id!);
  }
  return certs.length;
}

/** The smallest ACTIVE campaign of the seed, as the sandbox's records have it. */
function smallActiveCampaign() {
  const store = sb.tenant.store;
  const sizes = store
    .all('campaigns')
    .filter((c) => c.status === 'ACTIVE')
    .map((c) => ({ c, items: store.all('certifications').filter((cert) => cert.campaignId === c.id).reduce((n, cert) => n + store.itemsOf(cert.id).length, 0) }))
    .filter((x) => x.items > 0)
    .sort((a, b) => a.items - b.items);
  return sizes[0]!.c;
}

describe('campaign completion when every certification is signed', () => {
  it('completes an approved campaign once the last certification is signed', async () => {
    sb.signInAs('org-admin');
    const campaign = smallActiveCampaign();
    expect(await signEverything(campaign.id, 'APPROVE')).toBeGreaterThan(0);
    expect((await getCampaign(campaign.id)).status).toBe('COMPLETING');
    sb.clock.advance(DURATIONS.completeMs);
    expect((await getCampaign(campaign.id)).status).toBe('COMPLETED');
  });

  it('holds a campaign with revocations in remediation longer before it completes', async () => {
    sb.signInAs('org-admin');
    const campaign = smallActiveCampaign();
    await signEverything(campaign.id, 'REVOKE');
    expect((await getCampaign(campaign.id)).status).toBe('COMPLETING');
    sb.clock.advance(DURATIONS.completeMs);
    expect((await getCampaign(campaign.id)).status).toBe('COMPLETING');
    sb.clock.advance(DURATIONS.remediationMs - DURATIONS.completeMs);
    expect((await getCampaign(campaign.id)).status).toBe('COMPLETED');
  });

  it('keeps a campaign active while any certification is unsigned', async () => {
    sb.signInAs('org-admin');
    const campaign = smallActiveCampaign();
    const certs = await fetchAllPages((paging) => listIdentityCertifications({ ...paging, filters: f.eq('campaign.id', campaign.id) }));
    const active = certs.filter((c) => c.phase === 'ACTIVE');
    expect(active.length).toBeGreaterThan(0);
    // Sign all but one: the campaign stays ACTIVE.
    if (active.length > 1) {
      for (const cert of active.slice(1)) {
        const items = await fetchAllPages((paging) => listIdentityAccessReviewItems(cert.id!, { ...paging, filters: f.eq('completed', false) }));
        for (let i = 0; i < items.length; i += 250) {
          await makeIdentityDecision(cert.id!, items.slice(i, i + 250).map((item) => ({ id: item.id!, decision: 'APPROVE', bulk: true, comments: 'ok' })));
        }
        await signOffIdentityCertification(cert.id!);
      }
    }
    expect((await getCampaign(campaign.id)).status).toBe('ACTIVE');
  });
});
