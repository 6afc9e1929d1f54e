// Validates raw `-p` parameters before any database is opened, so a mistyped value is reported (all
// at once) even where `spine db init` has not run yet; the HTTP API gives the same message.
export { parseParamsOrThrow as validateOrThrow } from "@spine/platform";
