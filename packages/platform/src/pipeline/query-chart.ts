/** The dashboard views a chart can belong to, each with the inputs it feeds the chart's query. */
export type ChartView = "week" | "venue" | "symbol" | "tier";

/**
 * How a front end draws a query's rows, declared beside the query by its domain: the view it belongs
 * to (the view's inputs, such as tier and week_ending, become the query's parameters), bars or a
 * line, the x column and the columns drawn as series.
 */
export interface QueryChart {
  readonly view: ChartView;
  readonly kind: "bar" | "line";
  readonly title: string;
  readonly x: string;
  readonly y: readonly string[];
  /** What the y values measure, for the axis label (e.g. "shares", "share of volume"). */
  readonly unit: string;
  /** Parameters the chart always passes (e.g. a larger limit for a long series). */
  readonly params?: Readonly<Record<string, string>>;
}

/** A bar chart of a query's rows (one bar per row, labelled by the `x` column). */
export function barChart(
  view: ChartView,
  x: string,
  y: string | readonly string[],
  title: string,
  unit: string,
) {
  return chartOf("bar", view, x, y, title, unit);
}

/** A line chart of a query's rows (`x` a date column, one line per `y` column). */
export function lineChart(
  view: ChartView,
  x: string,
  y: string | readonly string[],
  title: string,
  unit: string,
) {
  return chartOf("line", view, x, y, title, unit);
}

function chartOf(
  kind: QueryChart["kind"],
  view: ChartView,
  x: string,
  y: string | readonly string[],
  title: string,
  unit: string,
): QueryChart {
  return Object.freeze({ view, kind, title, x, y: typeof y === "string" ? [y] : y, unit });
}
