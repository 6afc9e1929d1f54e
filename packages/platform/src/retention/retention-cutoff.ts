import { SpineError } from "../errors/spine-error.js";

const units = { d: "days", w: "weeks", m: "months", y: "years" } as const;

/**
 * The first date (`YYYY-MM-DD`, UTC) a retention age keeps: `2y` on 2026-12-03 is 2024-12-03, so
 * partitions of weeks before it are old enough to archive. Ages are a whole number and one of
 * d (days), w (weeks), m (months) or y (years).
 */
export function retentionCutoff(age: string, now: Date = new Date()): string {
  const match = /^(\d+)([dwmy])$/.exec(age.trim());
  if (!match?.[1] || !match[2])
    throw new SpineError(
      "USAGE",
      `Cannot read the age ${JSON.stringify(age)}: write a number and d, w, m or y, e.g. 2y or 26w.`,
      {
        details: { age, units },
      },
    );
  const amount = Number(match[1]);
  const cutoff = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const unit = match[2] as keyof typeof units;
  if (unit === "d" || unit === "w") cutoff.setUTCDate(cutoff.getUTCDate() - amount * (unit === "w" ? 7 : 1));
  else cutoff.setUTCMonth(cutoff.getUTCMonth() - amount * (unit === "y" ? 12 : 1));
  return cutoff.toISOString().slice(0, 10);
}
