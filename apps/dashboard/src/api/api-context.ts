import type { DomainDefinition, Spine } from "@spine/platform";

/** What every API route reads through: the open platform and the domains it serves. */
export interface ApiContext {
  readonly spine: Spine;
  readonly domains: readonly DomainDefinition[];
}
