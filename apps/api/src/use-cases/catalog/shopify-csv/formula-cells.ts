// CSV injection: a spreadsheet runs a cell starting with = + - or @ (or a tab or carriage return it
// skips first) as a formula, so an owner opening an export could run what a product title says.
// Every text cell that starts that way gets a leading apostrophe, which spreadsheets read as "this is
// text" and do not show; the import removes it again, so a round trip keeps the text as it was.
// Numeric cells (prices, stock) are not escaped: we write them from integers, so they hold digits and
// at most a leading minus, never a formula, and an apostrophe would turn a price into text that
// Shopify and spreadsheets no longer read as a number.
const FORMULA_START = /^[=+\-@\t\r]/;

export function textCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function restoreFormulaText(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
