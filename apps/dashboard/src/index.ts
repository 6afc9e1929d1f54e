export type { ApiContext } from "./api/api-context.js";
export type { DashboardAppOptions } from "./server/create-dashboard-app.js";
export { createDashboardApp } from "./server/create-dashboard-app.js";
export type { DashboardServer, DashboardServerOptions } from "./server/start-dashboard-server.js";
export { startDashboardServer } from "./server/start-dashboard-server.js";
export { defaultAssetsDirectory } from "./server/static-assets.js";
