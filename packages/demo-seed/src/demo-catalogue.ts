// The demo shop seeded on first start: a hillside market stall selling what the family grows and makes.
// Plain data, no I/O. Prices are integer minor units (USD cents). Photos are drawn by ./demo-photos.ts.
import type { DemoPhoto } from "./demo-photos.ts";

export type DemoOption = { name: string; values: string[] };

export type DemoVariant = {
  /** One value per option, in option order; [] for a product without options. */
  optionValues: string[];
  price: number;
  compareAtPrice?: number;
  sku: string;
  /** Units on hand; null means not tracked (made to order, always available). */
  stock: number | null;
};

export type DemoProduct = {
  title: string;
  titleZh: string;
  description: string;
  photos: DemoPhoto[];
  alt: string;
  options: DemoOption[];
  variants: DemoVariant[];
  collections: string[];
  status?: "active" | "draft";
};

export type DemoShop = {
  slug: "demo";
  name: string;
  tagline: string;
  currency: "USD";
  locale: "en";
  contactEmail: string;
  address: string;
};

export type DemoCollection = { slug: string; title: string; description: string; isFeatured: boolean };

/** Opening hours per weekday (0 = Sunday), times in the shop's own time zone. */
export type DemoOpeningHours = { day: 0 | 1 | 2 | 3 | 4 | 5 | 6; opens: string; closes: string }[];

export type DemoPickupPoint = { name: string; address: string; hours: DemoOpeningHours; instructions: string };

export type DemoDeliveryArea = {
  name: string;
  description: string;
  postcodes: string[];
  /** Minor units in the shop's currency. */
  feeAmount: number;
  minimumOrderAmount: number;
  freeOverAmount: number | null;
  /** Weekdays deliveries go out (0 = Sunday). */
  deliveryDays: number[];
};

export type DemoPage = { slug: string; title: string; bodyMarkdown: string };

export const DEMO_SHOP: DemoShop = {
  slug: "demo",
  name: "Fern Hill Market Stall",
  tagline: "Honey, bread, pottery and small handmade things from our hillside farm.",
  currency: "USD",
  locale: "en",
  contactEmail: "hello@fernhill.example",
  address: "Fern Hill Farm, 418 Orchard Ridge Road, Willow Creek, VT 05099",
};

export const DEMO_COLLECTIONS: DemoCollection[] = [
  {
    slug: "market-favourites",
    title: "Market favourites",
    description: "What regulars pick up every Saturday. If you are new to the stall, start here.",
    isFeatured: true,
  },
  {
    slug: "pantry",
    title: "From the pantry",
    description: "Raw honey from our own hives, jam from the orchard, eggs from the hens and bread baked at dawn.",
    isFeatured: false,
  },
  {
    slug: "pottery-and-home",
    title: "Pottery and home",
    description: "Stoneware thrown and glazed in the barn studio, candles, and things for the kitchen table.",
    isFeatured: false,
  },
  {
    slug: "handmade-gifts",
    title: "Handmade gifts",
    description: "Knitted, sewn, bound and poured by hand. Small batches, so each one is a little different.",
    isFeatured: false,
  },
];

export const DEMO_PRODUCTS: DemoProduct[] = [
  {
    title: "Wildflower Honey",
    titleZh: "野花蜂蜜",
    description:
      "Raw, unfiltered honey from our hives on the south meadow, where clover, goldenrod and wild aster grow. " +
      "Spun and jarred by hand, never heated. It may crystallise in the cold: stand the jar in warm water to soften it.",
    photos: [{ kind: "honey-jar", hue: 40 }],
    alt: "A glass jar of golden honey with a gold lid and a honeycomb label, a wooden honey dipper resting beside it.",
    options: [{ name: "Size", values: ["8 oz", "16 oz"] }],
    variants: [
      { optionValues: ["8 oz"], price: 950, sku: "FH-HON-08", stock: 24 },
      { optionValues: ["16 oz"], price: 1650, sku: "FH-HON-16", stock: 2 },
    ],
    collections: ["market-favourites", "pantry"],
  },
  {
    title: "Small-Batch Orchard Jam",
    titleZh: "小批量果园果酱",
    description:
      "Made in small pots from fruit picked that week, with less sugar than most and nothing else added. " +
      "Each jar is topped with a cotton cloth you can keep.\n\n" +
      "- **Strawberry Rhubarb**: bright and tart\n- **Apricot**: mellow, lovely with cheese\n" +
      "- **Wild Blueberry**: deep and jammy",
    photos: [
      { kind: "jam", hue: 350 },
      { kind: "jam", hue: 28 },
      { kind: "jam", hue: 275 },
    ],
    alt: "A jar of red strawberry rhubarb jam with a red gingham cloth tied over the lid, two small fruits beside it.",
    options: [{ name: "Flavour", values: ["Strawberry Rhubarb", "Apricot", "Wild Blueberry"] }],
    variants: [
      { optionValues: ["Strawberry Rhubarb"], price: 850, sku: "FH-JAM-STR", stock: 18 },
      { optionValues: ["Apricot"], price: 850, sku: "FH-JAM-APR", stock: 9 },
      { optionValues: ["Wild Blueberry"], price: 900, sku: "FH-JAM-BLU", stock: 0 },
    ],
    collections: ["market-favourites", "pantry"],
  },
  {
    title: "Country Sourdough Loaf",
    titleZh: "乡村酸种面包",
    description:
      "A crackly, open-crumbed loaf of our own stone-ground wheat and rye, proved overnight and baked in the " +
      "wood oven on Saturday morning. Order by Thursday evening for pickup at the stall.",
    photos: [{ kind: "bread", hue: 200 }],
    alt: "A round sourdough loaf with a dusting of flour and a deep score, on a wooden board over a striped tea towel.",
    options: [],
    variants: [{ optionValues: [], price: 900, sku: "FH-BRD-SOUR", stock: null }],
    collections: ["market-favourites", "pantry"],
  },
  {
    title: "Free-Range Eggs",
    titleZh: "散养鸡蛋",
    description:
      "From our small flock of heritage hens, who spend their days on grass under the apple trees. " +
      "The shells come in every shade from cream to chocolate, with the odd olive one from our Easter Eggers.",
    photos: [{ kind: "eggs", hue: 40 }],
    alt: "An open egg carton holding six eggs in shades of brown, cream and pale green.",
    options: [{ name: "Box", values: ["Half dozen", "Dozen"] }],
    variants: [
      { optionValues: ["Half dozen"], price: 450, sku: "FH-EGG-06", stock: 30 },
      { optionValues: ["Dozen"], price: 800, sku: "FH-EGG-12", stock: 12 },
    ],
    collections: ["pantry"],
  },
  {
    title: "Loose-Leaf Herbal Tea",
    titleZh: "散装花草茶",
    description:
      "Herbs grown on the terrace garden, dried in the shade and blended by hand. Caffeine-free. " +
      "Each tin holds about 40 cups; the tin is yours to refill at the stall for less.",
    photos: [
      { kind: "tea-tin", hue: 150 },
      { kind: "tea-tin", hue: 45 },
      { kind: "tea-tin", hue: 320 },
    ],
    alt: "A green metal tea tin with a cream label showing a tea sprig, loose tea leaves scattered in front.",
    options: [{ name: "Blend", values: ["Mountain Mint", "Chamomile Meadow", "Hibiscus & Rosehip"] }],
    variants: [
      { optionValues: ["Mountain Mint"], price: 1400, sku: "FH-TEA-MINT", stock: 15 },
      { optionValues: ["Chamomile Meadow"], price: 1400, sku: "FH-TEA-CHAM", stock: 11 },
      { optionValues: ["Hibiscus & Rosehip"], price: 1400, compareAtPrice: 1600, sku: "FH-TEA-HIBI", stock: 7 },
    ],
    collections: ["pantry", "handmade-gifts"],
  },
  {
    title: "Speckled Stoneware Mug",
    titleZh: "斑点粗陶马克杯",
    description:
      "Wheel-thrown from speckled stoneware and dipped by hand, so the raw clay shows at the foot. " +
      "Holds about 12 oz. Dishwasher and microwave safe.",
    photos: [
      { kind: "mug", hue: 150 },
      { kind: "mug", hue: 32 },
      { kind: "mug", hue: 220 },
    ],
    alt: "A sage-green speckled stoneware mug with a curved handle, the unglazed clay showing at its base.",
    options: [{ name: "Glaze", values: ["Sage", "Honey", "Indigo"] }],
    variants: [
      { optionValues: ["Sage"], price: 3200, sku: "FH-MUG-SAGE", stock: 5 },
      { optionValues: ["Honey"], price: 3200, sku: "FH-MUG-HONEY", stock: 3 },
      { optionValues: ["Indigo"], price: 3200, sku: "FH-MUG-INDIGO", stock: 0 },
    ],
    collections: ["market-favourites", "pottery-and-home"],
  },
  {
    title: "Stoneware Serving Bowl",
    titleZh: "粗陶餐碗",
    description:
      "A generous, slightly wobbly bowl for salads, bread or the fruit bowl. " +
      "Each one is thrown on the wheel and glazed by hand, so no two are quite alike.",
    photos: [
      { kind: "bowl", hue: 200 },
      { kind: "bowl", hue: 18 },
    ],
    alt: "A wide blue stoneware bowl with an unglazed clay rim and foot, seen from slightly above.",
    options: [
      { name: "Size", values: ["Small", "Medium", "Large"] },
      { name: "Glaze", values: ["Lake Blue", "Rust"] },
    ],
    variants: [
      { optionValues: ["Small", "Lake Blue"], price: 2800, sku: "FH-BWL-S-BLU", stock: 4 },
      { optionValues: ["Small", "Rust"], price: 2800, sku: "FH-BWL-S-RST", stock: 6 },
      { optionValues: ["Medium", "Lake Blue"], price: 4200, sku: "FH-BWL-M-BLU", stock: 3 },
      { optionValues: ["Medium", "Rust"], price: 3600, compareAtPrice: 4200, sku: "FH-BWL-M-RST", stock: 2 },
      { optionValues: ["Large", "Lake Blue"], price: 5800, sku: "FH-BWL-L-BLU", stock: 1 },
    ],
    collections: ["pottery-and-home"],
  },
  {
    title: "Hand-Thrown Planter",
    titleZh: "手拉坯花盆",
    description:
      "A glazed stoneware pot with a drainage hole, sized for herbs, succulents or a leafy houseplant. " +
      "The plant is for show; the pot comes empty.",
    photos: [
      { kind: "plant-pot", hue: 18 },
      { kind: "plant-pot", hue: 190 },
    ],
    alt: "A terracotta-coloured glazed planter holding a leafy green plant.",
    options: [
      { name: "Size", values: ['4"', '6"'] },
      { name: "Glaze", values: ["Terracotta", "Teal"] },
    ],
    variants: [
      { optionValues: ['4"', "Terracotta"], price: 2400, sku: "FH-POT-4-TER", stock: 8 },
      { optionValues: ['4"', "Teal"], price: 2400, sku: "FH-POT-4-TEA", stock: 5 },
      { optionValues: ['6"', "Terracotta"], price: 3400, sku: "FH-POT-6-TER", stock: 4 },
      { optionValues: ['6"', "Teal"], price: 3400, sku: "FH-POT-6-TEA", stock: 0 },
    ],
    collections: ["pottery-and-home"],
  },
  {
    title: "Beeswax & Soy Candle",
    titleZh: "蜂蜡大豆香薰蜡烛",
    description:
      "Poured with wax from our own hives blended with soy, a cotton wick and pure essential oils. " +
      "The 8 oz glass burns for about 45 hours, the 12 oz for about 70.",
    photos: [
      { kind: "candle", hue: 270 },
      { kind: "candle", hue: 110 },
      { kind: "candle", hue: 40 },
    ],
    alt: "A lit candle in a clear glass tumbler of pale lavender wax, with a kraft paper label showing a sprig.",
    options: [
      { name: "Scent", values: ["Lavender Field", "Cedar & Smoke", "Orange Blossom"] },
      { name: "Size", values: ["8 oz", "12 oz"] },
    ],
    variants: [
      { optionValues: ["Lavender Field", "8 oz"], price: 1800, sku: "FH-CDL-LAV-08", stock: 14 },
      { optionValues: ["Lavender Field", "12 oz"], price: 2400, compareAtPrice: 2800, sku: "FH-CDL-LAV-12", stock: 6 },
      { optionValues: ["Cedar & Smoke", "8 oz"], price: 1800, sku: "FH-CDL-CED-08", stock: 9 },
      { optionValues: ["Cedar & Smoke", "12 oz"], price: 2400, compareAtPrice: 2800, sku: "FH-CDL-CED-12", stock: 3 },
      { optionValues: ["Orange Blossom", "8 oz"], price: 1800, sku: "FH-CDL-ORA-08", stock: 10 },
      { optionValues: ["Orange Blossom", "12 oz"], price: 2400, compareAtPrice: 2800, sku: "FH-CDL-ORA-12", stock: 5 },
    ],
    collections: ["market-favourites", "pottery-and-home", "handmade-gifts"],
  },
  {
    title: "Goat Milk Soap",
    titleZh: "羊奶手工皂",
    description:
      "Cold-process soap made with milk from the neighbours' goats, olive oil and shea butter, cured for six weeks. " +
      "Gentle enough for hands and face. Each bar weighs about 4.5 oz.",
    photos: [
      { kind: "soap", hue: 280 },
      { kind: "soap", hue: 40 },
    ],
    alt: "Two stacked bars of pale lavender soap, the top one wrapped in a kraft paper band, a lavender sprig in front.",
    options: [{ name: "Scent", values: ["Lavender", "Oatmeal & Honey", "Rosemary Mint", "Unscented"] }],
    variants: [
      { optionValues: ["Lavender"], price: 700, sku: "FH-SOAP-LAV", stock: 22 },
      { optionValues: ["Oatmeal & Honey"], price: 700, sku: "FH-SOAP-OAT", stock: 16 },
      { optionValues: ["Rosemary Mint"], price: 700, sku: "FH-SOAP-ROS", stock: 3 },
      { optionValues: ["Unscented"], price: 650, sku: "FH-SOAP-UNS", stock: 12 },
    ],
    collections: ["handmade-gifts"],
  },
  {
    title: "Hand-Knit Wool Scarf",
    titleZh: "手工编织羊毛围巾",
    description:
      "Knitted on the porch through the winter from soft merino dyed by hand in small lots, with a fringe at each end. " +
      "About 70 inches long. Made to order: please allow two weeks.",
    photos: [
      { kind: "scarf", hue: 355 },
      { kind: "scarf", hue: 80 },
    ],
    alt: "A berry-red knitted scarf with cream stripes and fringed ends, hanging over a wooden rod.",
    options: [{ name: "Colour", values: ["Berry", "Moss", "Oatmeal"] }],
    variants: [
      { optionValues: ["Berry"], price: 6500, sku: "FH-SCF-BERRY", stock: null },
      { optionValues: ["Moss"], price: 6500, sku: "FH-SCF-MOSS", stock: null },
      { optionValues: ["Oatmeal"], price: 6000, compareAtPrice: 6500, sku: "FH-SCF-OAT", stock: null },
    ],
    collections: ["handmade-gifts"],
  },
  {
    title: "Linen Kitchen Apron",
    titleZh: "亚麻厨房围裙",
    description:
      "Stonewashed linen with a roomy front pocket and long ties that wrap round and knot at the front. " +
      "One size fits most; the neck strap is adjustable. Sewn to order.",
    photos: [
      { kind: "apron", hue: 18 },
      { kind: "apron", hue: 150 },
    ],
    alt: "A rust-coloured linen apron with a stitched front pocket, hanging from a brass hook.",
    options: [{ name: "Colour", values: ["Rust", "Sage", "Natural"] }],
    variants: [
      { optionValues: ["Rust"], price: 4800, compareAtPrice: 5600, sku: "FH-APR-RUST", stock: null },
      { optionValues: ["Sage"], price: 4800, compareAtPrice: 5600, sku: "FH-APR-SAGE", stock: null },
      { optionValues: ["Natural"], price: 4800, sku: "FH-APR-NAT", stock: null },
    ],
    collections: ["handmade-gifts"],
  },
  {
    title: "Canvas Market Tote",
    titleZh: "帆布市集托特包",
    description:
      "Heavy cotton canvas, screen-printed with our sun-over-the-hills mark and stitched extra strong at the handles. " +
      "Carries a week of groceries or two dozen eggs. Bring it back to the stall and we take 25¢ off your order.",
    photos: [{ kind: "tote-bag", hue: 150 }],
    alt: "A natural canvas tote bag printed with a yellow sun over two green hills.",
    options: [],
    variants: [{ optionValues: [], price: 2200, compareAtPrice: 2600, sku: "FH-TOTE", stock: 40 }],
    collections: ["market-favourites", "handmade-gifts"],
  },
  {
    title: "Ceramic Drop Earrings",
    titleZh: "陶瓷水滴耳环",
    description:
      "Little teardrops of glazed porcelain on gold-filled hooks, light enough to wear all day. " +
      "Made one pair at a time, so the speckles are never the same twice.",
    photos: [
      { kind: "earrings", hue: 18 },
      { kind: "earrings", hue: 170 },
      { kind: "earrings", hue: 44 },
    ],
    alt: "A pair of terracotta-coloured teardrop earrings on gold hooks, displayed on a kraft paper card.",
    options: [{ name: "Colour", values: ["Terracotta", "Sea Glass", "Mustard"] }],
    variants: [
      { optionValues: ["Terracotta"], price: 2800, sku: "FH-EAR-TER", stock: 3 },
      { optionValues: ["Sea Glass"], price: 2800, sku: "FH-EAR-SEA", stock: 2 },
      { optionValues: ["Mustard"], price: 2800, sku: "FH-EAR-MUS", stock: 6 },
    ],
    collections: ["handmade-gifts"],
  },
  {
    title: "Hand-Bound Field Notebook",
    titleZh: "手工装订笔记本",
    description:
      "An A5 notebook of 160 pages on heavy 100 gsm paper that takes fountain pen without bleeding. " +
      "Sewn by hand and bound in linen bookcloth, with an elastic closure and a ribbon marker.",
    photos: [
      { kind: "notebook", hue: 150 },
      { kind: "notebook", hue: 12 },
    ],
    alt: "A forest-green cloth-bound notebook with a blank label, an elastic band and a yellow ribbon, a pencil in front.",
    options: [
      { name: "Cover", values: ["Forest", "Brick"] },
      { name: "Paper", values: ["Lined", "Plain", "Dot grid"] },
    ],
    variants: [
      { optionValues: ["Forest", "Lined"], price: 1600, sku: "FH-NB-FOR-LIN", stock: 10 },
      { optionValues: ["Forest", "Plain"], price: 1600, sku: "FH-NB-FOR-PLN", stock: 7 },
      { optionValues: ["Forest", "Dot grid"], price: 1800, sku: "FH-NB-FOR-DOT", stock: 5 },
      { optionValues: ["Brick", "Lined"], price: 1600, sku: "FH-NB-BRK-LIN", stock: 8 },
      { optionValues: ["Brick", "Plain"], price: 1600, sku: "FH-NB-BRK-PLN", stock: 0 },
      { optionValues: ["Brick", "Dot grid"], price: 1800, sku: "FH-NB-BRK-DOT", stock: 4 },
    ],
    collections: ["handmade-gifts"],
  },
  {
    title: "Cherry Wood Cutting Board",
    titleZh: "樱桃木砧板",
    description:
      "Cut from a cherry tree that came down on the ridge, planed, sanded smooth and finished with beeswax and oil. " +
      "Wash by hand and oil now and then, and it will last for years.",
    photos: [{ kind: "cutting-board", hue: 22 }],
    alt: "A cherry wood cutting board with a rounded handle and a leather loop, a sprig of rosemary at its foot.",
    options: [{ name: "Size", values: ["Small", "Large"] }],
    variants: [
      { optionValues: ["Small"], price: 3800, sku: "FH-BRD-CHY-S", stock: 6 },
      { optionValues: ["Large"], price: 5400, sku: "FH-BRD-CHY-L", stock: 2 },
    ],
    collections: ["pottery-and-home", "handmade-gifts"],
  },
  {
    title: "Dried Flower Bunch",
    titleZh: "干花花束",
    description:
      "Lavender, wheat, strawflowers and bunny tails from the cutting garden, dried in the barn and wrapped in kraft " +
      "paper. Keeps its colour for a year or more out of direct sun.",
    photos: [
      { kind: "bouquet", hue: 340 },
      { kind: "bouquet", hue: 30 },
    ],
    alt: "A bunch of dried lavender, wheat, pink strawflowers and fluffy bunny tails wrapped in kraft paper.",
    options: [],
    variants: [{ optionValues: [], price: 2600, sku: "FH-FLW-BUNCH", stock: null }],
    collections: ["market-favourites", "handmade-gifts"],
  },
  {
    title: "Spiced Pumpkin Butter",
    titleZh: "香料南瓜酱",
    description:
      "Slow-cooked from our own pie pumpkins with cinnamon, nutmeg and a little maple syrup. " +
      "Back in October, when the pumpkins are in.",
    photos: [{ kind: "jam", hue: 24 }],
    alt: "A jar of orange pumpkin butter with an orange gingham cloth tied over the lid.",
    options: [],
    variants: [{ optionValues: [], price: 1000, sku: "FH-JAM-PUMPKIN", stock: 0 }],
    collections: ["pantry"],
    status: "draft",
  },
];

export const DEMO_PICKUP_POINTS: DemoPickupPoint[] = [
  {
    name: "Saturday market stall",
    address: "Willow Creek Farmers' Market, Town Green, Main Street, Willow Creek, VT",
    hours: [{ day: 6, opens: "08:00", closes: "13:00" }],
    instructions: "Look for the green awning by the bandstand. Give the name on your order and we'll hand it over.",
  },
  {
    name: "Farm gate",
    address: "Fern Hill Farm, 418 Orchard Ridge Road, Willow Creek, VT",
    hours: [
      { day: 3, opens: "15:00", closes: "18:00" },
      { day: 5, opens: "15:00", closes: "18:00" },
    ],
    instructions: "Drive up to the red barn and ring the bell on the porch. Please keep the gate closed for the hens.",
  },
];

export const DEMO_DELIVERY_AREAS: DemoDeliveryArea[] = [
  {
    name: "Willow Creek village",
    description: "Anywhere in the village, from the church to the covered bridge.",
    postcodes: ["05099"],
    feeAmount: 300,
    minimumOrderAmount: 1500,
    freeOverAmount: 4000,
    deliveryDays: [4],
  },
  {
    name: "The valley farms",
    description: "Farms and houses along River Road and Ridge Road, up to about 10 miles from us.",
    postcodes: ["05098", "05097"],
    feeAmount: 700,
    minimumOrderAmount: 2500,
    freeOverAmount: 7500,
    deliveryDays: [4],
  },
];

export const DEMO_PAGES: DemoPage[] = [
  {
    slug: "about",
    title: "About us",
    bodyMarkdown: [
      "We are the Alder family, and Fern Hill is the small farm halfway up the ridge above Willow Creek.",
      "",
      "Maria keeps the bees and the hens, Tom bakes and throws pots in the old barn, and Grandma June knits " +
        "through every winter. What we grow and make, we sell at the Saturday market, and now here too.",
      "",
      "Everything is made in small batches, by hand, so things sell out. If something you like is gone, " +
        "send us a note and we will tell you when the next batch is ready.",
    ].join("\n"),
  },
  {
    slug: "delivery",
    title: "Pickup and delivery",
    bodyMarkdown: [
      "**Pickup is free.** Collect your order at the Saturday market stall (8am to 1pm) or at the farm gate " +
        "on Wednesday and Friday afternoons (3pm to 6pm).",
      "",
      "**Local delivery** goes out on Thursdays:",
      "",
      "- Willow Creek village: $3, free over $40",
      "- The valley farms (about 10 miles): $7, free over $75",
      "",
      "Bread is baked on Saturday morning, so it is pickup only. Order it by Thursday evening.",
    ].join("\n"),
  },
  {
    slug: "returns",
    title: "Returns",
    bodyMarkdown: [
      "If something arrives broken or isn't right, tell us within 14 days and we will replace it or refund you.",
      "",
      "- Pottery, textiles and other goods can be returned unused within 30 days.",
      "- Food (honey, jam, bread, eggs, tea) can't be returned, but if you are unhappy with it, " +
        "tell us and we will make it right.",
      "- Made-to-order scarves and aprons can be exchanged for another colour.",
      "",
      "Write to hello@fernhill.example or talk to us at the stall.",
    ].join("\n"),
  },
];
