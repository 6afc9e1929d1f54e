// The dashboard page: plain modules over the JSON API, no build step. Views are chosen by the URL
// hash (#/coverage, #/week?tier=OTC&week_ending=...), so every view is a link a reviewer can share.
const view = document.getElementById("view");
const statusOrder = ["failed", "running", "stale", "missing", "done"];
let catalog = null;
let refresh = null;

async function api(path) {
  const response = await fetch(path, { headers: { accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error?.message ?? `${response.status} ${path}`);
  return body;
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null) node.setAttribute(name, value);
  }
  for (const child of children.flat())
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

function cellText(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "number")
    return Number.isInteger(value) || Math.abs(value) >= 1000
      ? value.toLocaleString("en-US", { maximumFractionDigits: 2 })
      : value.toPrecision(6);
  return String(value);
}

function table(rows, columns = rows.length ? Object.keys(rows[0]) : []) {
  return element(
    "table",
    {},
    element(
      "thead",
      {},
      element(
        "tr",
        {},
        columns.map((name) => element("th", {}, name)),
      ),
    ),
    element(
      "tbody",
      {},
      rows.map((row) =>
        element(
          "tr",
          {},
          columns.map((name) =>
            element("td", { class: typeof row[name] === "number" ? "number" : "" }, cellText(row[name])),
          ),
        ),
      ),
    ),
  );
}

function parseHash() {
  const [path, search] = location.hash.replace(/^#/, "").split("?");
  return { path: path || "/coverage", params: Object.fromEntries(new URLSearchParams(search ?? "")) };
}

function link(path, params, text) {
  return element("a", { href: `#${path}?${new URLSearchParams(params)}` }, text);
}

function worstStatus(cells) {
  const statuses = Object.values(cells).map((cell) => cell.status);
  return statusOrder.find((status) => statuses.includes(status)) ?? "missing";
}

function legend() {
  return element(
    "p",
    { class: "legend" },
    statusOrder.map((status) => element("span", { class: `status-${status}` }, status)),
  );
}

async function coverageView() {
  view.replaceChildren(element("h1", {}, "Coverage"), legend());
  for (const domain of catalog.domains) {
    const grid = await api(`/api/domains/${domain.name}/coverage`);
    const order = grid.partitionFields.at(-1);
    const seriesFields = grid.partitionFields.filter((field) => field !== order);
    const seriesOf = (row) => seriesFields.map((field) => row.partition[field]).join(" ");
    const weeks = [...new Set(grid.rows.map((row) => row.partition[order]))].sort();
    const series = [...new Set(grid.rows.map(seriesOf))].sort();
    const byKey = new Map(grid.rows.map((row) => [`${seriesOf(row)}|${row.partition[order]}`, row]));
    const header = element(
      "tr",
      {},
      element("th", {}, seriesFields.join(" ")),
      weeks.map((week) => element("th", { class: "week" }, week)),
    );
    const body = series.map((name) =>
      element(
        "tr",
        {},
        element("th", {}, name),
        weeks.map((week) => {
          const row = byKey.get(`${name}|${week}`);
          const status = row ? (row.gap ? "missing" : worstStatus(row.cells)) : "missing";
          const title = `${name} ${week}: ${
            row
              ? Object.entries(row.cells)
                  .map(([stage, cell]) => `${stage} ${cell.status}`)
                  .join(", ")
              : "not loaded"
          }${row?.rawArchived ? "; raw rows archived (spine restore)" : ""}${
            row?.rawReleased ? "; raw rows released (rebuilt from the stored file on demand)" : ""
          }`;
          const partition = row ? row.partition : null;
          return element("td", {
            class: `cell status-${status}`,
            title,
            "data-status": status,
            "data-archived": row?.rawArchived ? "true" : "false",
            "data-released": row?.rawReleased ? "true" : "false",
            "data-partition": partition ? JSON.stringify(partition) : "",
            onclick: () => {
              if (partition)
                location.hash = `#/partition?${new URLSearchParams({ domain: domain.name, ...partition })}`;
            },
          });
        }),
      ),
    );
    view.append(
      element("h2", {}, `${domain.name}: ${domain.description}`),
      grid.rows.length === 0
        ? element("p", { class: "muted" }, "Nothing loaded yet.")
        : element("table", { class: "grid", "data-domain": domain.name }, header, body),
    );
  }
}

async function partitionView({ domain, ...partition }) {
  const query = new URLSearchParams(partition);
  const [grid, captures] = await Promise.all([
    api(`/api/domains/${domain}/coverage`),
    api(`/api/domains/${domain}/captures?${query}`),
  ]);
  const row = grid.rows.find((candidate) =>
    Object.entries(partition).every(([field, value]) => candidate.partition[field] === value),
  );
  const stages = Object.entries(row?.cells ?? {}).map(([stage, cell]) => ({
    stage,
    status: cell.status,
    execution: cell.executionId ? link("/execution", { id: cell.executionId }, cell.executionId) : "",
    reason: cell.reason ?? "",
    rows: cell.rowCount,
  }));
  view.replaceChildren(
    element("h1", {}, `${domain} ${Object.values(partition).join(" ")}`),
    element("h2", {}, "Stages"),
    stageTable(stages),
    element("h2", {}, "Captures"),
    table(captures.captures),
  );
}

function stageTable(stages) {
  return element(
    "table",
    { class: "stages" },
    element(
      "tr",
      {},
      ["stage", "status", "execution", "reason", "rows"].map((name) => element("th", {}, name)),
    ),
    stages.map((stage) =>
      element(
        "tr",
        { "data-stage": stage.stage },
        element("td", {}, stage.stage),
        element("td", { class: `status-${stage.status}` }, stage.status),
        element("td", {}, stage.execution),
        element("td", {}, stage.reason),
        element("td", { class: "number" }, cellText(stage.rows)),
      ),
    ),
  );
}

async function executionView({ id }) {
  const { execution, children } = await api(`/api/executions/${encodeURIComponent(id)}`);
  const counts = Object.entries(Object.groupBy?.(children, (child) => child.status) ?? {}).map(
    ([status, list]) => `${status}: ${list.length}`,
  );
  view.replaceChildren(
    element("h1", { "data-execution": execution.id }, `Execution ${execution.id}`),
    table([
      {
        pipeline: execution.pipeline,
        status: execution.status,
        created: execution.createdAt,
        finished: execution.finishedAt,
        error: execution.error,
      },
    ]),
    element("h2", {}, "Parameters"),
    element("pre", {}, JSON.stringify(execution.params, null, 2)),
    element("h2", {}, `Children (${children.length}) ${counts.join(", ")}`),
    table(
      children.map((child) => ({
        id: child.id,
        pipeline: child.pipeline,
        status: child.status,
        error: child.error ?? "",
      })),
    ),
  );
  if (execution.status === "running" || execution.status === "pending") refresh = setTimeout(render, 2000);
}

async function runsView() {
  const { executions } = await api("/api/executions?top_level=true&limit=50");
  const rows = await Promise.all(
    executions.map(async (execution) => {
      const children =
        execution.status === "running" ? (await api(`/api/executions/${execution.id}`)).children : [];
      const done = children.filter(
        (child) => child.status !== "running" && child.status !== "pending",
      ).length;
      return {
        execution,
        progress: execution.status === "running" ? `${done}/${children.length} steps` : "",
      };
    }),
  );
  view.replaceChildren(
    element("h1", {}, "Runs"),
    element(
      "table",
      {},
      element(
        "tr",
        {},
        ["execution", "pipeline", "status", "progress", "created", "error"].map((name) =>
          element("th", {}, name),
        ),
      ),
      rows.map(({ execution, progress }) =>
        element(
          "tr",
          {},
          element("td", {}, link("/execution", { id: execution.id }, execution.id)),
          element("td", {}, execution.pipeline),
          element(
            "td",
            { class: `status-${execution.status === "completed" ? "done" : execution.status}` },
            execution.status,
          ),
          element("td", {}, progress),
          element("td", {}, execution.createdAt),
          element("td", {}, execution.error ?? ""),
        ),
      ),
    ),
  );
  if (rows.some(({ execution }) => execution.status === "running")) refresh = setTimeout(render, 2000);
}

async function problemsView() {
  view.replaceChildren(element("h1", {}, "Quality and rejects"));
  for (const domain of catalog.domains) {
    const [quality, rejects] = await Promise.all([
      api(`/api/domains/${domain.name}/quality?status=fail&limit=200`),
      api(`/api/domains/${domain.name}/rejects?limit=200`),
    ]);
    view.append(
      element("h2", {}, `${domain.name}: failed checks (${quality.quality.length})`),
      table(quality.quality, [
        "partition_key",
        "check_name",
        "severity",
        "status",
        "actual_value",
        "expected_value",
        "message",
      ]),
      element("h2", {}, `${domain.name}: rejected rows (${rejects.rejects.length})`),
      table(rejects.rejects, [
        "partition_key",
        "stage",
        "reason_code",
        "line_number",
        "reason_detail",
        "raw_record",
      ]),
    );
  }
}

const viewInputs = {
  week: ["tier", "week_ending"],
  venue: ["mpid", "tier"],
  symbol: ["symbol", "tier", "week_ending"],
  tier: ["tier"],
};

function chartsOf(viewName) {
  return catalog.domains.flatMap((domain) =>
    domain.queries.filter((query) => query.chart?.view === viewName),
  );
}

function inputsForm(viewName, params) {
  const fields = viewInputs[viewName].map((name) =>
    element("label", {}, name, element("input", { name, value: params[name] ?? "" })),
  );
  return element(
    "form",
    {
      class: "inputs",
      onsubmit: (event) => {
        event.preventDefault();
        const values = Object.fromEntries(
          [...new FormData(event.target)].filter(([, value]) => value !== ""),
        );
        location.hash = `#/${viewName}?${new URLSearchParams(values)}`;
      },
    },
    fields,
    element("button", { type: "submit" }, "Show"),
  );
}

function chartParams(query, params) {
  const accepted = new Set(query.parameters.map((parameter) => parameter.name));
  const given = Object.fromEntries(Object.entries(params).filter(([name]) => accepted.has(name)));
  return { ...given, ...(query.chart.params ?? {}) };
}

async function chartsView(viewName, params) {
  view.replaceChildren(
    element("h1", {}, viewName[0].toUpperCase() + viewName.slice(1)),
    inputsForm(viewName, params),
  );
  if (!viewInputs[viewName].some((name) => params[name])) {
    view.append(
      element("p", { class: "muted" }, `Give ${viewInputs[viewName].join(" and ")} to see the charts.`),
    );
    return;
  }
  for (const query of chartsOf(viewName)) {
    const missing = query.parameters.filter((parameter) => parameter.required && !params[parameter.name]);
    if (missing.length > 0) {
      const names = missing.map((parameter) => parameter.name).join(" and ");
      view.append(element("p", { class: "muted" }, `${query.chart.title} (${query.name}): give ${names}.`));
      continue;
    }
    const search = new URLSearchParams(chartParams(query, params));
    const block = element("section", { class: "chart-block", "data-query": query.name });
    view.append(element("h2", {}, `${query.chart.title} (${query.name})`), block);
    try {
      const answer = await api(`/api/queries/${query.name}?${search}`);
      const rows =
        query.chart.kind === "line"
          ? [...answer.rows].sort((a, b) => (a[query.chart.x] < b[query.chart.x] ? -1 : 1))
          : answer.rows;
      const csv = element(
        "a",
        {
          href: `/api/queries/${query.name}?${search}&format=csv`,
          download: `${query.name}.csv`,
          class: "csv",
        },
        "Download CSV",
      );
      block.append(
        drawChart(query.chart, rows),
        element("div", { class: "chart-table" }, csv, table(rows, [query.chart.x, ...query.chart.y])),
      );
    } catch (error) {
      block.append(element("p", { class: "error" }, error.message));
    }
  }
}

// A line chart of rows from several tiers draws one line per tier and column, on the union of dates.
const splitColumn = "tier";

function lineSeries(chart, rows) {
  const groups = [...new Set(rows.map((row) => row[splitColumn] ?? ""))];
  const xs = [...new Set(rows.map((row) => row[chart.x]))].sort();
  const index = new Map(xs.map((x, position) => [x, position]));
  const lines = [];
  for (const group of groups)
    for (const column of chart.y) {
      const values = xs.map(() => null);
      for (const row of rows)
        if ((row[splitColumn] ?? "") === group && row[column] !== null)
          values[index.get(row[chart.x])] = Number(row[column]);
      lines.push({ label: groups.length > 1 ? `${column} ${group}` : column, values });
    }
  return { xs: xs.map((x) => Date.parse(`${x}T00:00:00Z`) / 1000), lines };
}

function barSeries(chart, rows) {
  const lines = chart.y.map((column) => ({
    label: column,
    values: rows.map((row) => (row[column] === null ? null : Number(row[column]))),
  }));
  return { xs: rows.map((_row, position) => position), lines };
}

function drawChart(chart, rows) {
  if (rows.length === 0) return element("p", { class: "muted" }, "No rows.");
  const holder = element("div", { class: "chart", "data-points": rows.length });
  const isLine = chart.kind === "line";
  const { xs, lines } = isLine ? lineSeries(chart, rows) : barSeries(chart, rows);
  const colours = ["#0969da", "#bf3989", "#1a7f37", "#bc4c00", "#8250df", "#57606a"];
  const series = [
    {},
    ...lines.map((line, position) => ({
      label: line.label,
      stroke: colours[position % colours.length],
      spanGaps: true,
      fill: isLine ? undefined : `${colours[position % colours.length]}88`,
      paths: isLine ? undefined : globalThis.uPlot.paths.bars({ size: [0.7, 60] }),
    })),
  ];
  const axes = [
    isLine
      ? {}
      : { values: (_plot, ticks) => ticks.map((tick) => rows[tick]?.[chart.x] ?? ""), rotate: -60, size: 70 },
    { label: chart.unit, size: 90 },
  ];
  const scales = { x: { time: isLine, ...(isLine ? {} : { range: [-0.5, rows.length - 0.5] }) } };
  const data = [xs, ...lines.map((line) => line.values)];
  new globalThis.uPlot({ width: 720, height: 320, series, axes, scales }, data, holder);
  return holder;
}

async function render() {
  clearTimeout(refresh);
  const { path, params } = parseHash();
  for (const anchor of document.querySelectorAll("header a"))
    anchor.classList.toggle("active", anchor.getAttribute("href") === `#${path}`);
  try {
    catalog ??= await api("/api/domains");
    if (path === "/coverage") await coverageView();
    else if (path === "/partition") await partitionView(params);
    else if (path === "/execution") await executionView(params);
    else if (path === "/runs") await runsView();
    else if (path === "/problems") await problemsView();
    else if (viewInputs[path.slice(1)]) await chartsView(path.slice(1), params);
    else throw new Error(`No view ${path}.`);
    view.dataset.ready = path;
  } catch (error) {
    view.replaceChildren(element("p", { class: "error" }, error.message));
    view.dataset.ready = "error";
  }
}

window.addEventListener("hashchange", render);
render();
