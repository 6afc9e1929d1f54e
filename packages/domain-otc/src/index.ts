export { otcDomain } from "./otc-domain.js";
