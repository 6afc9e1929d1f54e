// For the pure parsing tests, which may import only their siblings and test/: the platform's
// delimited split and the FINRA header declaration (pipelines/support/finra-header.ts).
export { splitDelimitedLine } from "@spine/platform";
export { resolveHeader } from "../../src/pipelines/support/finra-header.js";
