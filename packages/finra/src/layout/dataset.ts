/**
 * FINRA's two weekly transparency datasets: OTC (non-ATS) volume reported by OTC market makers and
 * other firms trading off exchanges, and ATS volume that each alternative trading system reports
 * under FINRA Rule 4552. Both share tiers, weeks, the publication calendar and the file layout.
 */
export const FINRA_DATASETS = ["otc", "ats"] as const;

export type FinraDataset = (typeof FINRA_DATASETS)[number];
