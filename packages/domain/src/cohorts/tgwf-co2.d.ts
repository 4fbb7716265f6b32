// @tgwf/co2 ships JavaScript without types; this is the small part Stall uses.
declare module "@tgwf/co2" {
  export class co2 {
    constructor(options?: { model?: "swd" | "1byte"; version?: 3 | 4 });
    /** Grams of CO2e for transferring `bytes`, with the model's default grid intensities. */
    perByte(bytes: number, green?: boolean): number;
    /** Grams of CO2e for one visit loading `bytes`. */
    perVisit(bytes: number, green?: boolean): number;
  }
}
