import { describe, expect, it } from "vitest";
import {
  createRowSampler,
  decodeSampleHashes,
  encodeSampleHashes,
  estimateMatchingRows,
  ROW_SAMPLE_TARGET,
  rowHash,
  rowValuesHash,
} from "./row-sample.js";

function sampleOf(keys: readonly (string | null)[]) {
  const sampler = createRowSampler();
  for (const key of keys) sampler.add(key);
  return sampler.finish();
}

const rows = (count: number, prefix = "row") =>
  Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe("row samples", () => {
  it("keeps every row of a small capture and counts matches exactly, each row pairing once", () => {
    const capture = sampleOf(["a", "a", "b", null]);
    const candidate = sampleOf(["a", "b", "b", "c"]);
    expect(capture.level).toBe(0);
    expect(capture.rowCount).toBe(4);
    expect(estimateMatchingRows(capture, candidate)).toBe(2);
    expect(estimateMatchingRows(capture, sampleOf(["x", "y"]))).toBe(0);
  });

  it("never matches a row with a NULL compared value", () => {
    expect(estimateMatchingRows(sampleOf([null, null]), sampleOf([null, null]))).toBe(0);
  });

  it("bounds a large capture's sample and estimates its matching rows within 3%", () => {
    const capture = sampleOf(rows(200_000));
    // 90% of the capture's rows, plus 30,000 rows of its own.
    const candidate = sampleOf([...rows(180_000), ...rows(30_000, "other")]);
    expect(capture.level).toBeGreaterThan(0);
    expect(capture.hashes.length).toBeGreaterThanOrEqual(ROW_SAMPLE_TARGET / 2);
    expect(capture.hashes.length).toBeLessThanOrEqual(2 * ROW_SAMPLE_TARGET);
    expect(capture.rowCount).toBe(200_000);
    const estimate = estimateMatchingRows(capture, candidate);
    expect(Math.abs(estimate - 180_000) / 180_000).toBeLessThan(0.03);
    expect(estimateMatchingRows(capture, capture)).toBe(capture.hashes.length * 2 ** capture.level);
  });

  it("compares samples of different levels at the coarser one", () => {
    const small = sampleOf(rows(3_000));
    const large = sampleOf(rows(100_000));
    expect(small.level).toBe(0);
    const estimate = estimateMatchingRows(small, large);
    expect(Math.abs(estimate - 3_000) / 3_000).toBeLessThan(0.25);
    expect(estimateMatchingRows(small, sampleOf(rows(100_000, "other")))).toBe(0);
  });

  it("stores hashes as base64 and reads them back unchanged", () => {
    const hashes = Uint32Array.from([0, 1, 0xffffffff, rowHash("AABB|NITE")]);
    expect(Array.from(decodeSampleHashes(encodeSampleHashes(hashes)))).toEqual(Array.from(hashes));
  });

  it("hashes a row's values as the hash of their text joined by NUL, without joining them", () => {
    const row = ["ingest:1", 7, "AABB", "NITE", "1200", "", "Caf\u00e9 Corp"];
    expect(rowValuesHash(row, [2, 3, 4])).toBe(rowHash("AABB\u0000NITE\u00001200"));
    expect(rowValuesHash(row, [1, 5, 6])).toBe(rowHash("7\u0000\u0000Caf\u00e9 Corp"));
    expect(rowValuesHash(["only"])).toBe(rowHash("only"));
    expect(rowValuesHash(["AB", "C"])).not.toBe(rowValuesHash(["A", "BC"]));
    expect(rowValuesHash(["AABB", null, "1"], [0, 2])).toBe(rowHash("AABB\u00001"));
    expect(rowValuesHash(["AABB", null, "1"])).toBeNull();
    expect(rowValuesHash(["AABB", undefined], [0, 1])).toBeNull();
  });

  it("spreads hashes over their low bits (the sampling bits)", () => {
    const lowZeroBits = rows(65_536).filter((key) => (rowHash(key) & 0xff) === 0).length;
    expect(lowZeroBits).toBeGreaterThan(256 * 0.8);
    expect(lowZeroBits).toBeLessThan(256 * 1.2);
  });
});
