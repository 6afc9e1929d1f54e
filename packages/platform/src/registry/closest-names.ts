function editDistance(left: string, right: string): number {
  const previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let i = 1; i <= left.length; i += 1) {
    let diagonal = previous[0] ?? 0;
    previous[0] = i;
    for (let j = 1; j <= right.length; j += 1) {
      const above = previous[j] ?? 0;
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      previous[j] = Math.min(above + 1, (previous[j - 1] ?? 0) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return previous[right.length] ?? 0;
}

/**
 * The candidates closest to `input`, best first: substring matches, then small edit distances.
 * Used by every "unknown X" message so users see what they probably meant.
 */
export function closestNames(input: string, candidates: readonly string[], limit = 3): string[] {
  const needle = input.toLowerCase();
  const scored = candidates.map((candidate) => {
    const lower = candidate.toLowerCase();
    const contains = needle.length > 1 && (lower.includes(needle) || needle.includes(lower));
    const distance = editDistance(needle, lower);
    const lastSegment = lower.split(".").pop() ?? lower;
    const segmentDistance = editDistance(needle.split(".").pop() ?? needle, lastSegment);
    return { candidate, score: contains ? 0 : Math.min(distance, segmentDistance + 1) };
  });
  const threshold = Math.max(2, Math.ceil(needle.length / 2));
  return scored
    .filter((entry) => entry.score <= threshold)
    .sort((a, b) => a.score - b.score || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((entry) => entry.candidate);
}
