import { atsDomain } from "@spine/domain-ats";
import { otcDomain } from "@spine/domain-otc";
import type { DomainDefinition } from "@spine/platform";

/** The domains composed into `spine`: the only place that names domain packages. */
export const domains: readonly DomainDefinition[] = [otcDomain, atsDomain];
