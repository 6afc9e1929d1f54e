import { addDays, weekdayOf } from "./week.js";

/** A full-day NYSE closure: the date the market is closed, which may differ from the holiday's own date. */
export interface MarketHoliday {
  readonly date: string;
  readonly name: string;
}

// Juneteenth became an NYSE holiday in 2022 (first observed Monday 2022-06-20).
const FIRST_JUNETEENTH_YEAR = 2022;

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The nth (1-based) given weekday of a month; weekday uses Date.getUTCDay numbering (0 = Sunday). */
function nthWeekdayOfMonth(year: number, month: number, weekday: number, nth: number): string {
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const firstDay = 1 + ((weekday - firstWeekday + 7) % 7);
  return isoDate(year, month, firstDay + (nth - 1) * 7);
}

function lastWeekdayOfMonth(year: number, month: number, weekday: number): string {
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const lastWeekday = new Date(Date.UTC(year, month - 1, lastDay)).getUTCDay();
  return isoDate(year, month, lastDay - ((lastWeekday - weekday + 7) % 7));
}

// Anonymous Gregorian computus (Meeus/Jones/Butcher): Easter Sunday of a year.
function easterSunday(year: number): string {
  const golden = year % 19;
  const century = Math.floor(year / 100);
  const yearOfCentury = year % 100;
  const leapCorrection = century - Math.floor(century / 4) - Math.floor((8 * century + 13) / 25);
  const epact = (19 * golden + leapCorrection + 15) % 30;
  const weekdayOffset =
    (32 + 2 * (century % 4) + 2 * Math.floor(yearOfCentury / 4) - epact - (yearOfCentury % 4)) % 7;
  const correction = Math.floor((golden + 11 * epact + 22 * weekdayOffset) / 451);
  const monthAndDay = epact + weekdayOffset - 7 * correction + 114;
  return isoDate(year, Math.floor(monthAndDay / 31), (monthAndDay % 31) + 1);
}

/**
 * A fixed-date holiday on a Saturday closes the Friday before and on a Sunday the Monday after
 * (NYSE Rule 7.2). New Year's Day is the exception: on a Saturday nothing closes, because the Friday
 * before is the last trading day of the previous year.
 */
function observed(date: string, closesFridayBefore: boolean): string | null {
  const weekday = weekdayOf(date);
  if (weekday === "Sunday") return addDays(date, 1);
  if (weekday === "Saturday") return closesFridayBefore ? addDays(date, -1) : null;
  return date;
}

/** Every full-day NYSE closure of a year, in date order (unscheduled closures are not included). */
export function usMarketHolidays(year: number): MarketHoliday[] {
  const candidates: Array<{ date: string | null; name: string }> = [
    { date: observed(isoDate(year, 1, 1), false), name: "New Year's Day" },
    { date: nthWeekdayOfMonth(year, 1, 1, 3), name: "Martin Luther King Jr. Day" },
    { date: nthWeekdayOfMonth(year, 2, 1, 3), name: "Presidents' Day" },
    { date: addDays(easterSunday(year), -2), name: "Good Friday" },
    { date: lastWeekdayOfMonth(year, 5, 1), name: "Memorial Day" },
    {
      date: year >= FIRST_JUNETEENTH_YEAR ? observed(isoDate(year, 6, 19), true) : null,
      name: "Juneteenth",
    },
    { date: observed(isoDate(year, 7, 4), true), name: "Independence Day" },
    { date: nthWeekdayOfMonth(year, 9, 1, 1), name: "Labor Day" },
    { date: nthWeekdayOfMonth(year, 11, 4, 4), name: "Thanksgiving Day" },
    { date: observed(isoDate(year, 12, 25), true), name: "Christmas Day" },
  ];
  return candidates
    .filter((holiday): holiday is MarketHoliday => holiday.date !== null)
    .sort((left, right) => (left.date < right.date ? -1 : 1));
}

/** The holiday that closes the US equity market on a date, or null on a regular weekday or weekend. */
export function usMarketHolidayOn(date: string): MarketHoliday | null {
  const year = Number(date.slice(0, 4));
  return usMarketHolidays(year).find((holiday) => holiday.date === date) ?? null;
}

/** True when the US equity market is closed all day for a holiday. */
export function isUsMarketHoliday(date: string): boolean {
  return usMarketHolidayOn(date) !== null;
}
