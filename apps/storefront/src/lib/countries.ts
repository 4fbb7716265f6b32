// Countries for the shipping address: ISO 3166-1 alpha-2 codes, named in the page language by Intl.
// The list is only needed when a shipping option says "*" (everywhere); otherwise the shop's own codes.

const ALL_CODES =
  "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY " +
  "BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK " +
  "FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR " +
  "IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK " +
  "ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM " +
  "PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF " +
  "TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/** Every ISO 3166-1 alpha-2 country code. */
export const COUNTRY_CODES: readonly string[] = ALL_CODES.split(" ");

const namers = new Map<string, Intl.DisplayNames>();

/**
 * A country's name in a language, or the code itself when Intl does not know it.
 * @example countryName("CN", "en") // "China"
 */
export function countryName(code: string, locale: string): string {
  let namer = namers.get(locale);
  if (!namer) {
    namer = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
    namers.set(locale, namer);
  }
  try {
    return namer.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The countries a shop posts to, from its shipping options ("*" means every country), sorted by name
 * in the page language.
 */
export function shippingCountries(rates: { countries: string[] }[], locale: string): { code: string; name: string }[] {
  const codes = new Set<string>();
  for (const rate of rates) {
    for (const code of rate.countries) {
      if (code === "*") for (const any of COUNTRY_CODES) codes.add(any);
      else if (/^[A-Z]{2}$/.test(code)) codes.add(code);
    }
  }
  const collator = new Intl.Collator(locale);
  return [...codes]
    .map((code) => ({ code, name: countryName(code, locale) }))
    .sort((a, b) => collator.compare(a.name, b.name));
}
