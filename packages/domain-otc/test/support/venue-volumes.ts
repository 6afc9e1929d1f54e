// For the pure calculation tests, which may import only their siblings and test/: the golden
// tier-week's venue volumes, shared with @spine/finra's tests from scripts/fixtures.
export { GOLDEN_TINY, venueVolume } from "../../../../scripts/fixtures/golden-tiny-volumes.mjs";
