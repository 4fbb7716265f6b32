/** The most variants a product may have (the API's limit, and what an owner can still read in a table). */
export const MAX_VARIANTS = 100;

/**
 * Every combination of one value per option, in the order an owner reads them (the first option
 * changes slowest). No options gives one empty combination: the product's single variant.
 * @example variantCombinations([["S", "M"], ["red", "blue"]]) // [["S","red"],["S","blue"],["M","red"],["M","blue"]]
 */
export function variantCombinations(optionValues: readonly (readonly string[])[]): string[][] {
  let combinations: string[][] = [[]];
  for (const values of optionValues) {
    combinations = combinations.flatMap((combination) => values.map((value) => [...combination, value]));
  }
  return combinations;
}

/** How many variants the options make, without building them (to refuse too many before any work). */
export function variantCount(optionValues: readonly (readonly string[])[]): number {
  return optionValues.reduce((count, values) => count * values.length, 1);
}
