/** Campaign labels moved to src/components/campaignLabels.ts (the workspace shows them too). */
export * from '../../components/campaignLabels';
