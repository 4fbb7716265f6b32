import { dashboardMessages } from "@stall/i18n/dashboard";
import { describe, expect, it } from "vitest";
import { rowsOf, sayRowProblem } from "./csv-rows.ts";
import { editorOrder, moved, parseMove } from "./move.ts";

describe("moved", () => {
  it.each([
    [["a", "b", "c"], "b", "up", ["b", "a", "c"]],
    [["a", "b", "c"], "b", "down", ["a", "c", "b"]],
    [["a", "b", "c"], "a", "up", ["a", "b", "c"]],
    [["a", "b", "c"], "c", "down", ["a", "b", "c"]],
    [["a", "b", "c"], "x", "up", ["a", "b", "c"]],
  ] as const)("%j moving %s %s -> %j", (ids, id, direction, expected) => {
    expect(moved(ids, id, direction)).toEqual(expected);
  });
});

describe("parseMove", () => {
  it.each([
    ["up:col_1", { id: "col_1", direction: "up" }],
    ["down:prd_2", { id: "prd_2", direction: "down" }],
    ["sideways:col_1", undefined],
    ["up:", undefined],
    ["", undefined],
  ])("%j", (value, expected) => {
    expect(parseMove(value)).toEqual(expected);
  });
});

describe("editorOrder", () => {
  it("lists the chosen products first, in the group's order, then the rest in the shop's order", () => {
    const products = ["a", "b", "c", "d"].map((id) => ({ id }));
    expect(editorOrder(products, ["c", "gone", "a"]).map((product) => product.id)).toEqual(["c", "a", "b", "d"]);
  });
});

describe("rowsOf", () => {
  it("reads the API's rows, and falls back to the problem's detail for the whole file", () => {
    expect(
      rowsOf({ rows: [{ row: 3, column: "Variant Price", message: "x" }, { row: 0, message: "y" }, "junk"] }),
    ).toEqual([
      { row: 3, column: "Variant Price", message: "x" },
      { row: 0, column: undefined, message: "y" },
    ]);
    expect(rowsOf({ detail: "Not CSV" })).toEqual([{ row: 0, message: "Not CSV" }]);
  });
});

describe("sayRowProblem", () => {
  const zh = dashboardMessages["zh-CN"];
  it.each([
    ['"twelve" is not a price; write it like 12.50.', "“twelve”不是价格；请写成 12.50 这样。"],
    ['"abc" is not a whole number of items in stock.', "“abc”不是整数的库存数量。"],
    [
      'A product with the handle "noodles" already exists; import with mode=update to replace it',
      "Handle 为“noodles”的商品已经在你的店铺里了。要替换它，请选择“用文件里的替换它”再上传一次。",
    ],
  ])("%j", (message, said) => {
    expect(sayRowProblem(zh, message)).toBe(said);
  });
  it("shows a message it does not know as the API wrote it", () => {
    expect(sayRowProblem(zh, "Something new")).toBe("Something new");
  });
});
