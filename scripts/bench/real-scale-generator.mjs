// The real-scale scenario's own generator: weeks at FINRA's sizes (about 72,000 rows for NMS Tier 1,
// 168,000 for NMS Tier 2 and 24,000 for OTC per week) over a fixed universe of symbols and venues,
// so a symbol's or a venue's series runs through every week. Venue weights follow a steep Zipf law
// (a few venues carry most volume), each symbol's size is stable with a slow cycle and weekly noise.
// Deterministic: same seed, tier and week give the same file byte for byte.
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { FINRA_DOWNLOAD_HEADER, publicationDate } from "../fixtures/finra-week-generator.mjs";
import { hashSeed, mulberry32, standardNormal } from "../fixtures/seeded-random.mjs";
import { NAME_SUFFIXES, NAME_WORDS, VENUES } from "../fixtures/synthetic-names.mjs";

/** Rows per week by tier (FINRA's weekly files as measured), and the universe each week draws from. */
export const REAL_SCALE_TIERS = {
  "NMS Tier 1": { rows: 72_000, symbols: 1_300, venues: 110, logVolume: 15.5, offset: 0 },
  "NMS Tier 2": { rows: 168_000, symbols: 7_500, venues: 110, logVolume: 12.5, offset: 211 },
  OTC: { rows: 24_000, symbols: 9_000, venues: 40, logVolume: 12, offset: 467 },
};

const VENUE_SKEW = 1.3;

// Invented MPIDs and names beyond the fixtures' 30 venues: four letters from the index, stable forever.
function venueOf(index) {
  if (index < VENUES.length) return VENUES[index];
  let value = (index * 4177 + 1013) % 26 ** 4;
  let mpid = "";
  for (let position = 0; position < 4; position += 1) {
    mpid = String.fromCharCode(65 + (value % 26)) + mpid;
    value = Math.floor(value / 26);
  }
  const word = NAME_WORDS[index % NAME_WORDS.length];
  return [`Z${mpid.slice(1)}`, `${word} Venue ${index} ${NAME_SUFFIXES[index % NAME_SUFFIXES.length]}`];
}

/** The venue (MPID) with the most volume in a tier: rank 0 of its Zipf weights. */
export const topVenueMpid = () => venueOf(0)[0];

/** A tier's symbol by index: unique across tiers (each tier has its own code range), stable across weeks. */
export function symbolOf(tier, index) {
  const { offset } = REAL_SCALE_TIERS[tier];
  let value = ((index + offset * 100) * 7919 + 17) % 26 ** 4;
  let code = "";
  for (let position = 0; position < 4; position += 1) {
    code = String.fromCharCode(65 + (value % 26)) + code;
    value = Math.floor(value / 26);
  }
  return code;
}

function symbolProfile(seed, tier, index) {
  const random = mulberry32(hashSeed(seed, tier, "scale-symbol", index));
  const first = NAME_WORDS[Math.floor(random() * NAME_WORDS.length)];
  const suffix = NAME_SUFFIXES[Math.floor(random() * NAME_SUFFIXES.length)];
  return {
    issueName: `${first} ${suffix}`,
    // Earlier symbols are larger: activity falls with the index as well as varying at random.
    logVolume: REAL_SCALE_TIERS[tier].logVolume - 1.2 * Math.log1p(index / 50) + 0.8 * standardNormal(random),
    cycleWeeks: 10 + 30 * random(),
    cyclePhase: 2 * Math.PI * random(),
  };
}

// Efraimidis-Spirakis weighted sampling without replacement: the `count` largest u^(1/w) keys.
function pickVenues(random, weights, count) {
  const keyed = weights.map((weight, index) => ({ index, weight, key: Math.log(random()) / weight }));
  keyed.sort((left, right) => right.key - left.key);
  return keyed.slice(0, count).sort((left, right) => left.index - right.index);
}

function venueCounts(random, tier) {
  const { rows, symbols, venues } = REAL_SCALE_TIERS[tier];
  const counts = [];
  let remaining = rows;
  for (let index = 0; index < symbols; index += 1) {
    const left = symbols - index;
    const proposed = Math.round((remaining / left) * (0.3 + 1.4 * random()));
    const lowest = Math.max(1, remaining - venues * (left - 1));
    const highest = Math.min(venues, remaining - (left - 1));
    const count = Math.min(highest, Math.max(lowest, proposed));
    counts.push(count);
    remaining -= count;
  }
  return counts;
}

function* weekLines({ tier, weekEnding, seed }) {
  const settings = REAL_SCALE_TIERS[tier];
  const random = mulberry32(hashSeed(seed, tier, weekEnding, "scale-week"));
  const weekIndex = Math.round(Date.parse(`${weekEnding}T00:00:00Z`) / (7 * 86_400_000));
  const weights = Array.from(
    { length: settings.venues },
    (_, rank) => (1 / (rank + 1) ** VENUE_SKEW) * Math.exp(0.1 * standardNormal(random)),
  );
  const lastUpdateDate = publicationDate(tier, weekEnding);
  const counts = venueCounts(random, tier);
  yield FINRA_DOWNLOAD_HEADER;
  for (const [index, count] of counts.entries()) {
    const profile = symbolProfile(seed, tier, index);
    const cycle = 0.4 * Math.sin((2 * Math.PI * weekIndex) / profile.cycleWeeks + profile.cyclePhase);
    const volume = Math.exp(profile.logVolume + cycle + 0.2 * standardNormal(random));
    const picked = pickVenues(random, weights, count);
    const total = picked.reduce((sum, venue) => sum + venue.weight, 0);
    for (const venue of picked) {
      const [mpid, name] = venueOf(venue.index);
      const shares = Math.max(
        1,
        Math.round((volume * venue.weight * Math.exp(0.3 * standardNormal(random))) / total),
      );
      const trades = Math.max(1, Math.round(shares / Math.exp(5 + 0.5 * standardNormal(random))));
      yield `${tier}|${symbolOf(tier, index)}|${profile.issueName}|${name}|${mpid}|${shares}|${trades}|${lastUpdateDate}`;
    }
  }
}

/** Writes one generated tier-week to `path` (LF endings); resolves the number of data rows. */
export async function writeRealScaleWeek(path, options) {
  const stream = createWriteStream(path, { encoding: "utf8" });
  let chunk = "";
  let rows = -1;
  for (const line of weekLines(options)) {
    chunk += `${line}\n`;
    rows += 1;
    if (chunk.length >= 1 << 16) {
      if (!stream.write(chunk)) await once(stream, "drain");
      chunk = "";
    }
  }
  stream.end(chunk);
  await once(stream, "finish");
  return rows;
}
