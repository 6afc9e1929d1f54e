// The tier-week partition's parameters are FINRA's, shared with other FINRA domains.
export { tierParam, tierWeekKey, tierWeekParams, weekEndingParam } from "@spine/finra";
