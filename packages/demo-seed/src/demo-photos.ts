// Product photos for the demo shop, drawn in code: each kind is a small flat illustration in the style of a
// studio product shot (soft backdrop, ground shadow, the object shaded with gradients), tinted by a hue.
// Pure string building: no fonts, no <text>, no external references, the same output for the same input.
export const PHOTO_KINDS = [
  "mug",
  "honey-jar",
  "bread",
  "tote-bag",
  "scarf",
  "candle",
  "plant-pot",
  "soap",
  "tea-tin",
  "apron",
  "earrings",
  "notebook",
  "jam",
  "eggs",
  "bowl",
  "cutting-board",
  "bouquet",
] as const;
export type PhotoKind = (typeof PHOTO_KINDS)[number];

/** One photo of a demo product: what is drawn, and the hue it is tinted by. */
export type DemoPhoto = { kind: PhotoKind; hue: number };

type Shadow = { cx: number; cy: number; rx: number; ry: number; opacity?: number };
/** zoom scales the drawing about the middle of its ground line, so every kind fills the frame alike. */
type Art = { defs: string; body: string; shadow?: Shadow; zoom?: number };
type Rand = () => number;
type Draw = (hue: number, rand: Rand) => Art;
type Stop = readonly [offset: number, color: string, opacity?: number];
type Tones = { dark: string; base: string; light: string; shine: string };

const CANVAS = 1200;

/** A square SVG (default 1200x1200) of the photo's object on a soft studio backdrop tinted by its hue. */
export function demoPhotoSvg(photo: DemoPhoto, size = CANVAS): string {
  const draw = DRAWINGS[photo.kind];
  if (!draw) throw new Error(`Unknown demo photo kind: ${String(photo.kind)}`);
  const hue = Number.isFinite(photo.hue) ? ((Math.round(photo.hue) % 360) + 360) % 360 : 0;
  const side = Number.isFinite(size) && size > 0 ? Math.round(size) : CANVAS;
  const art = draw(hue, seededRandom(`${photo.kind}:${hue}`));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${CANVAS} ${CANVAS}">`,
    "<defs>",
    backdropDefs(hue),
    `<filter id="blur-lg" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="26"/></filter>`,
    `<filter id="blur-md" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="12"/></filter>`,
    // Ground shadows are radial gradients, not blur filters: they look the same and render ~3x faster.
    `<radialGradient id="soft-shadow"><stop offset="0" stop-color="#2a2118" stop-opacity="1"/><stop offset="0.55" stop-color="#2a2118" stop-opacity="0.6"/><stop offset="1" stop-color="#2a2118" stop-opacity="0"/></radialGradient>`,
    `<radialGradient id="soft-shadow-black"><stop offset="0" stop-color="#000" stop-opacity="1"/><stop offset="0.55" stop-color="#000" stop-opacity="0.6"/><stop offset="1" stop-color="#000" stop-opacity="0"/></radialGradient>`,
    `<filter id="blur-sm" x="-50%" y="-50%" width="200%" height="200%"><feGaussianBlur stdDeviation="5"/></filter>`,
    art.defs,
    "</defs>",
    `<rect width="${CANVAS}" height="${CANVAS}" fill="url(#bg-wall)"/>`,
    `<rect y="700" width="${CANVAS}" height="500" fill="url(#bg-floor)"/>`,
    `<rect width="${CANVAS}" height="${CANVAS}" fill="url(#bg-glow)"/>`,
    zoomed(art, art.shadow ? groundShadow(art.shadow) + art.body : art.body),
    `<rect width="${CANVAS}" height="${CANVAS}" fill="url(#bg-vignette)"/>`,
    "</svg>",
  ].join("");
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A colour as #rrggbb from hue (degrees), saturation and lightness (percent). */
function hsl(hue: number, saturation: number, lightness: number): string {
  const h = ((hue % 360) + 360) % 360;
  const s = clamp(saturation, 0, 100) / 100;
  const l = clamp(lightness, 0, 100) / 100;
  const a = s * Math.min(l, 1 - l);
  const channel = (n: number): string => {
    const k = (n + h / 30) % 12;
    const value = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Rounds to one decimal so the markup stays short and stable. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** mulberry32 seeded from a string hash: the same photo always gets the same speckles. */
function seededRandom(seed: string): Rand {
  let state = 2166136261;
  for (let i = 0; i < seed.length; i++) {
    state = Math.imul(state ^ seed.charCodeAt(i), 16777619);
  }
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(rand: Rand, min: number, max: number): number {
  return min + (max - min) * rand();
}

function stops(list: readonly Stop[]): string {
  return list
    .map(([offset, color, opacity]) => {
      const alpha = opacity === undefined ? "" : ` stop-opacity="${opacity}"`;
      return `<stop offset="${offset}" stop-color="${color}"${alpha}/>`;
    })
    .join("");
}

/** A gradient across the shape's bounding box, left to right unless told otherwise. */
function linear(id: string, list: readonly Stop[], x1 = 0, y1 = 0, x2 = 1, y2 = 0): string {
  return `<linearGradient id="${id}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}">${stops(list)}</linearGradient>`;
}

function radial(id: string, list: readonly Stop[], cx = 0.5, cy = 0.5, r = 0.5, fx = cx, fy = cy): string {
  return `<radialGradient id="${id}" cx="${cx}" cy="${cy}" r="${r}" fx="${fx}" fy="${fy}">${stops(list)}</radialGradient>`;
}

/** Shading of a lit cylinder seen from the front: dark rims, a highlight left of centre. */
function cylinder(id: string, tones: Tones): string {
  return linear(id, [
    [0, tones.dark],
    [0.14, tones.base],
    [0.33, tones.light],
    [0.4, tones.shine],
    [0.48, tones.light],
    [0.75, tones.base],
    [1, tones.dark],
  ]);
}

function tones(hue: number, saturation: number, lightness: number): Tones {
  return {
    dark: hsl(hue, saturation * 0.95, lightness * 0.62),
    base: hsl(hue, saturation, lightness),
    light: hsl(hue, saturation * 1.05, Math.min(92, lightness * 1.22)),
    shine: hsl(hue, saturation * 0.8, Math.min(96, lightness * 1.42)),
  };
}

function backdropDefs(hue: number): string {
  return [
    linear(
      "bg-wall",
      [
        [0, hsl(hue, 30, 94)],
        [0.6, hsl(hue, 26, 89)],
        [1, hsl(hue, 22, 84)],
      ],
      0,
      0,
      0,
      1,
    ),
    linear(
      "bg-floor",
      [
        [0, hsl(hue, 22, 82), 0],
        [0.28, hsl(hue, 22, 82), 0.85],
        [1, hsl(hue, 20, 78)],
      ],
      0,
      0,
      0,
      1,
    ),
    radial(
      "bg-glow",
      [
        [0, "#ffffff", 0.6],
        [1, "#ffffff", 0],
      ],
      0.5,
      0.42,
      0.55,
    ),
    radial(
      "bg-vignette",
      [
        [0.65, hsl(hue, 30, 30), 0],
        [1, hsl(hue, 30, 30), 0.12],
      ],
      0.5,
      0.5,
      0.75,
    ),
  ].join("");
}

function zoomed(art: Art, markup: string): string {
  const zoom = art.zoom ?? 1;
  if (zoom === 1) return markup;
  const y = art.shadow?.cy ?? 900;
  return `<g transform="translate(600 ${y}) scale(${zoom}) translate(-600 ${-y})">${markup}</g>`;
}

function groundShadow({ cx, cy, rx, ry, opacity = 1 }: Shadow): string {
  return [
    `<ellipse cx="${cx}" cy="${cy}" rx="${n(rx + 52)}" ry="${n(ry + 52)}" fill="url(#soft-shadow)" opacity="${n(0.24 * opacity)}"/>`,
    `<ellipse cx="${cx}" cy="${n(cy - ry * 0.1)}" rx="${n(rx * 0.82 + 10)}" ry="${n(ry * 0.45 + 10)}" fill="url(#soft-shadow)" opacity="${n(0.34 * opacity)}"/>`,
  ].join("");
}

function speckles(rand: Rand, count: number, x: number, y: number, w: number, h: number, color: string): string {
  let out = "";
  for (let i = 0; i < count; i++) {
    const r = between(rand, 1.2, 3.6);
    const opacity = between(rand, 0.25, 0.6);
    out += `<circle cx="${n(x + rand() * w)}" cy="${n(y + rand() * h)}" r="${n(r)}" fill="${color}" opacity="${Math.round(opacity * 100) / 100}"/>`;
  }
  return out;
}

/** A soft vertical highlight, like a window reflected in a glaze. */
function glint(x: number, y: number, w: number, h: number, opacity: number): string {
  return `<rect x="${x}" y="${y}" width="${w}" height="${h}" rx="${w / 2}" fill="#ffffff" opacity="${opacity}" filter="url(#blur-sm)"/>`;
}

/** The shop's little mark: a sun over two hills, as outlines or fills. */
function hillsMark(cx: number, cy: number, scale: number, color: string, opacity: number, width = 4): string {
  const p = (x: number, y: number): string => `${n(cx + x * scale)} ${n(cy + y * scale)}`;
  return [
    `<g fill="none" stroke="${color}" stroke-width="${width}" stroke-linecap="round" opacity="${opacity}">`,
    `<circle cx="${n(cx + 24 * scale)}" cy="${n(cy - 20 * scale)}" r="${n(9 * scale)}"/>`,
    `<path d="M${p(-50, 22)} C${p(-30, -8)} ${p(-4, -8)} ${p(16, 12)}"/>`,
    `<path d="M${p(-8, 22)} C${p(10, -2)} ${p(34, -4)} ${p(50, 22)}"/>`,
    `<path d="M${p(-56, 24)} L${p(56, 24)}"/>`,
    "</g>",
  ].join("");
}

/** Placeholder lines standing in for printed words on a label. */
function labelLines(cx: number, y: number, widths: number[], color: string, opacity: number, gap = 22): string {
  return widths
    .map((w, i) => {
      const top = y + i * gap;
      return `<rect x="${n(cx - w / 2)}" y="${n(top)}" width="${w}" height="9" rx="4.5" fill="${color}" opacity="${opacity}"/>`;
    })
    .join("");
}

/** A wavy line from x0 to x1 around y (a dipped-glaze edge, a fabric fold). */
function wave(rand: Rand, x0: number, x1: number, y: number, amplitude: number, steps: number): string {
  const dx = (x1 - x0) / steps;
  let d = `M${n(x0)} ${n(y)}`;
  for (let i = 1; i <= steps; i++) {
    const x = x0 + dx * i;
    const cy = y + between(rand, -amplitude, amplitude);
    d += ` Q${n(x - dx / 2)} ${n(cy + between(rand, -amplitude, amplitude))} ${n(x)} ${n(cy)}`;
  }
  return d;
}

function leafPath(length: number, width: number): string {
  const l = length;
  const w = width;
  return `M0 0 C${n(w)} ${n(-l * 0.25)} ${n(w * 0.75)} ${n(-l * 0.78)} 0 ${n(-l)} C${n(-w * 0.75)} ${n(-l * 0.78)} ${n(-w)} ${n(-l * 0.25)} 0 0Z`;
}

// ---------------------------------------------------------------------------------------------------------
// The kinds

const mug: Draw = (hue, rand) => {
  const glaze = tones(hue, 32, 52);
  const clay = tones(30, 30, 72);
  const body = "M390 470 L390 890 A180 40 0 0 0 750 890 L750 470 Z";
  const defs = [
    cylinder("mug-glaze", glaze),
    cylinder("mug-clay", clay),
    linear(
      "mug-inside",
      [
        [0, hsl(hue, 30, 26)],
        [0.6, glaze.dark],
        [1, glaze.base],
      ],
      0,
      0,
      0,
      1,
    ),
    linear("mug-handle", [
      [0, glaze.light],
      [0.45, glaze.base],
      [1, glaze.dark],
    ]),
    `<clipPath id="mug-clip"><path d="${body}"/></clipPath>`,
  ].join("");
  const handle = "M735 560 C905 540 915 800 735 795";
  const art = [
    `<path d="${handle}" fill="none" stroke="url(#mug-handle)" stroke-width="50" stroke-linecap="round"/>`,
    `<path d="M760 585 C860 585 868 760 760 768" fill="none" stroke="${glaze.shine}" stroke-width="7" stroke-linecap="round" opacity="0.35"/>`,
    `<path d="${body}" fill="url(#mug-glaze)"/>`,
    `<g clip-path="url(#mug-clip)">`,
    `<path d="${wave(rand, 380, 770, 826, 9, 5)} L770 960 L380 960 Z" fill="url(#mug-clay)"/>`,
    speckles(rand, 110, 395, 480, 350, 440, "#3b2a1e"),
    glint(455, 500, 30, 290, 0.35),
    `<rect x="390" y="470" width="360" height="18" fill="${glaze.dark}" opacity="0.25" filter="url(#blur-sm)"/>`,
    "</g>",
    `<ellipse cx="570" cy="470" rx="180" ry="40" fill="${glaze.light}"/>`,
    `<ellipse cx="570" cy="474" rx="163" ry="32" fill="url(#mug-inside)"/>`,
    `<ellipse cx="570" cy="470" rx="180" ry="40" fill="none" stroke="${clay.light}" stroke-width="4" opacity="0.8"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 905, rx: 280, ry: 42 }, zoom: 1.25 };
};

const honeyJar: Draw = (hue) => {
  const honeyHue = clamp(hue, 22, 50);
  const lid = tones(44, 50, 56);
  const defs = [
    linear("honey-fill", [
      [0, hsl(honeyHue - 8, 90, 26)],
      [0.18, hsl(honeyHue - 4, 92, 40)],
      [0.42, hsl(honeyHue + 4, 96, 56)],
      [0.6, hsl(honeyHue, 94, 48)],
      [1, hsl(honeyHue - 10, 90, 24)],
    ]),
    radial(
      "honey-glow",
      [
        [0, hsl(honeyHue + 10, 100, 72), 0.75],
        [1, hsl(honeyHue + 10, 100, 60), 0],
      ],
      0.5,
      0.5,
      0.5,
    ),
    cylinder("honey-lid", lid),
    linear("honey-label", [
      [0, hsl(40, 30, 74)],
      [0.3, hsl(44, 45, 93)],
      [0.75, hsl(42, 40, 88)],
      [1, hsl(38, 28, 70)],
    ]),
    linear(
      "honey-dipper",
      [
        [0, hsl(32, 45, 72)],
        [1, hsl(26, 40, 48)],
      ],
      0,
      0,
      0,
      1,
    ),
  ].join("");
  const jar =
    "M470 445 L730 445 L730 472 C772 478 790 505 790 548 L790 872 C790 912 766 932 724 932 L476 932 C434 932 410 912 410 872 L410 548 C410 505 428 478 470 472 Z";
  const hex = (cx: number, cy: number, r: number): string => {
    const points: string[] = [];
    for (let i = 0; i < 6; i++) {
      const a = (Math.PI / 3) * i + Math.PI / 6;
      points.push(`${n(cx + r * Math.cos(a))},${n(cy + r * Math.sin(a))}`);
    }
    return `<polygon points="${points.join(" ")}" fill="${hsl(honeyHue + 4, 90, 62)}" stroke="${hsl(honeyHue - 6, 80, 34)}" stroke-width="4" stroke-linejoin="round"/>`;
  };
  const dipperGrooves = [0, 1, 2, 3]
    .map(
      (i) =>
        `<ellipse cx="${-34 + i * 22}" cy="0" rx="7" ry="${36 - Math.abs(i - 1.5) * 5}" fill="${hsl(26, 40, 42)}" opacity="0.55"/>`,
    )
    .join("");
  const art = [
    `<path d="${jar}" fill="url(#honey-fill)"/>`,
    `<ellipse cx="600" cy="720" rx="150" ry="180" fill="url(#honey-glow)"/>`,
    `<clipPath id="honey-clip"><path d="${jar}"/></clipPath>`,
    `<rect x="410" y="474" width="380" height="26" fill="${hsl(honeyHue + 8, 90, 70)}" opacity="0.55" filter="url(#blur-sm)" clip-path="url(#honey-clip)"/>`,
    `<path d="${jar}" fill="#ffffff" opacity="0.08" stroke="#ffffff" stroke-opacity="0.55" stroke-width="5"/>`,
    glint(432, 540, 26, 320, 0.55),
    glint(752, 560, 14, 220, 0.35),
    `<rect x="410" y="605" width="380" height="220" fill="url(#honey-label)"/>`,
    `<rect x="410" y="605" width="380" height="220" fill="none" stroke="${hsl(38, 30, 60)}" stroke-width="2" opacity="0.6"/>`,
    hex(570, 680, 28),
    hex(619, 680, 28),
    hex(594.5, 722, 28),
    `<g transform="translate(660 650) rotate(-18)">`,
    `<ellipse cx="-6" cy="-20" rx="16" ry="22" fill="#ffffff" stroke="${hsl(30, 20, 40)}" stroke-width="2.5" opacity="0.92" transform="rotate(-25)"/>`,
    `<ellipse cx="10" cy="-20" rx="14" ry="20" fill="#ffffff" stroke="${hsl(30, 20, 40)}" stroke-width="2.5" opacity="0.92" transform="rotate(20)"/>`,
    `<ellipse cx="0" cy="0" rx="26" ry="17" fill="${hsl(46, 95, 55)}"/>`,
    `<path d="M-8 -16 L-8 16 M6 -16 L6 16" stroke="#2b2118" stroke-width="7"/>`,
    `<circle cx="28" cy="0" r="10" fill="#2b2118"/>`,
    "</g>",
    labelLines(600, 772, [170, 110], hsl(honeyHue - 6, 70, 30), 0.55),
    `<rect x="452" y="365" width="296" height="88" rx="12" fill="url(#honey-lid)"/>`,
    Array.from(
      { length: 19 },
      (_, i) => `<rect x="${468 + i * 14}" y="372" width="4" height="74" fill="${lid.dark}" opacity="0.28"/>`,
    ).join(""),
    `<ellipse cx="600" cy="366" rx="147" ry="14" fill="${lid.shine}"/>`,
    // a wooden dipper resting in front of the jar
    `<g transform="translate(845 915) rotate(-14)">`,
    `<rect x="10" y="-9" width="230" height="18" rx="9" fill="url(#honey-dipper)"/>`,
    `<ellipse cx="0" cy="0" rx="62" ry="40" fill="url(#honey-dipper)"/>`,
    dipperGrooves,
    `<path d="M-50 -12 C-30 -40 30 -36 48 -6 C52 14 30 24 8 20 C0 40 -8 52 -14 46 C-18 38 -12 26 -22 22 C-46 18 -58 6 -50 -12Z" fill="${hsl(honeyHue, 92, 46)}" opacity="0.92"/>`,
    `<ellipse cx="-12" cy="-14" rx="20" ry="6" fill="#ffffff" opacity="0.5"/>`,
    "</g>",
  ].join("");
  return { defs, body: art, shadow: { cx: 640, cy: 928, rx: 330, ry: 40 }, zoom: 1.15 };
};

const bread: Draw = (hue, rand) => {
  const crustHue = 26 + (hue - 30) * 0.04;
  const wood = tones(32, 36, 58);
  const defs = [
    radial(
      "bread-crust",
      [
        [0, hsl(crustHue + 8, 62, 62)],
        [0.35, hsl(crustHue + 2, 60, 46)],
        [0.7, hsl(crustHue - 4, 58, 34)],
        [1, hsl(crustHue - 8, 55, 22)],
      ],
      0.4,
      0.28,
      0.8,
    ),
    linear(
      "bread-board",
      [
        [0, wood.light],
        [1, wood.base],
      ],
      0,
      0,
      0,
      1,
    ),
    linear("bread-board-edge", [
      [0, wood.dark],
      [0.4, wood.base],
      [1, wood.dark],
    ]),
    linear(
      "bread-ear",
      [
        [0, hsl(40, 58, 82)],
        [0.6, hsl(36, 56, 68)],
        [1, hsl(30, 55, 52)],
      ],
      0,
      0,
      0,
      1,
    ),
    radial("bread-flour", [
      [0, "#fffaf0", 0.75],
      [1, "#fffaf0", 0],
    ]),
  ].join("");
  const loaf =
    "M290 800 C280 640 410 508 600 508 C790 508 920 640 910 800 C902 858 780 884 600 884 C420 884 298 858 290 800 Z";
  let flour = "";
  for (let i = 0; i < 420; i++) {
    const a = rand() * Math.PI * 2;
    const d = Math.sqrt(rand());
    const x = 590 + Math.cos(a) * d * 260;
    const y = 640 + Math.sin(a) * d * 110;
    const r = n(between(rand, 0.8, 3.2));
    const o = Math.round(between(rand, 0.3, 0.8) * 100) / 100;
    flour += `<circle cx="${n(x)}" cy="${n(y)}" r="${r}" fill="#fffaf0" opacity="${o}"/>`;
  }
  let grain = "";
  for (let i = 0; i < 7; i++) {
    grain += `<ellipse cx="600" cy="862" rx="${400 - i * 50}" ry="${84 - i * 11}" fill="none" stroke="${wood.dark}" stroke-width="2" opacity="0.16"/>`;
  }
  // banneton rings: faint flour lines following the loaf's dome
  let rings = "";
  for (let i = 0; i < 5; i++) {
    const rx = 120 + i * 55;
    const ry = 40 + i * 22;
    rings += `<ellipse cx="590" cy="${640 + i * 6}" rx="${rx}" ry="${ry}" fill="none" stroke="#fffaf0" stroke-width="4" opacity="0.08"/>`;
  }
  const crust = hsl(crustHue - 8, 58, 24);
  const art = [
    `<path d="M188 862 A412 92 0 0 0 1012 862 L1012 886 A412 92 0 0 1 188 886 Z" fill="url(#bread-board-edge)"/>`,
    `<ellipse cx="600" cy="862" rx="412" ry="92" fill="url(#bread-board)"/>`,
    grain,
    `<ellipse cx="600" cy="872" rx="334" ry="60" fill="url(#soft-shadow)" opacity="0.55"/>`,
    `<path d="${loaf}" fill="url(#bread-crust)"/>`,
    `<clipPath id="bread-clip"><path d="${loaf}"/></clipPath>`,
    `<g clip-path="url(#bread-clip)">`,
    `<ellipse cx="560" cy="620" rx="240" ry="110" fill="url(#bread-flour)"/>`,
    rings,
    flour,
    `<ellipse cx="600" cy="880" rx="354" ry="84" fill="url(#soft-shadow-black)" opacity="0.28"/>`,
    "</g>",
    // the opened score (the "ear") running across the dome, and a second shallower cut
    `<path d="M372 700 C450 590 660 540 840 620 C720 632 530 652 372 700 Z" fill="url(#bread-ear)"/>`,
    `<path d="M372 700 C450 590 660 540 840 620" fill="none" stroke="${crust}" stroke-width="12" stroke-linecap="round"/>`,
    `<path d="M392 684 C470 596 650 560 820 616" fill="none" stroke="${hsl(crustHue, 55, 50)}" stroke-width="4" stroke-linecap="round" opacity="0.8"/>`,
    `<path d="M430 770 C540 720 700 716 800 736 C700 746 540 752 430 770 Z" fill="url(#bread-ear)" opacity="0.9"/>`,
    `<path d="M430 770 C540 720 700 716 800 736" fill="none" stroke="${crust}" stroke-width="6" stroke-linecap="round" opacity="0.8"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 900, rx: 430, ry: 52 }, zoom: 1.05 };
};

const toteBag: Draw = (hue, rand) => {
  const canvas = { dark: hsl(36, 20, 68), base: hsl(40, 28, 84), light: hsl(42, 36, 91), shine: hsl(44, 40, 94) };
  const ink = hsl(hue, 48, 40);
  const ink2 = hsl(hue + 18, 45, 56);
  const sun = hsl(42, 85, 60);
  const defs = [
    linear("tote-body", [
      [0, canvas.dark],
      [0.12, canvas.base],
      [0.42, canvas.light],
      [0.8, canvas.base],
      [1, canvas.dark],
    ]),
    linear(
      "tote-bottom",
      [
        [0, "#000000", 0],
        [1, "#000000", 0.14],
      ],
      0,
      0,
      0,
      1,
    ),
    `<pattern id="tote-weave" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="3" fill="#000000" opacity="0.035"/><rect width="3" height="6" fill="#ffffff" opacity="0.05"/></pattern>`,
  ].join("");
  const body = "M392 470 L808 470 L836 922 C837 936 830 944 816 944 L384 944 C370 944 363 936 364 922 Z";
  const stitch = (x: number): string =>
    `<rect x="${x - 26}" y="478" width="52" height="58" fill="none" stroke="${canvas.dark}" stroke-width="3" stroke-dasharray="8 6"/><path d="M${x - 26} 478 L${x + 26} 536 M${x + 26} 478 L${x - 26} 536" stroke="${canvas.dark}" stroke-width="3" stroke-dasharray="8 6"/>`;
  let rays = "";
  for (let i = 0; i < 9; i++) {
    const a = Math.PI + (Math.PI / 8) * i;
    const x1 = 600 + Math.cos(a) * 82;
    const y1 = 690 + Math.sin(a) * 82;
    const x2 = 600 + Math.cos(a) * 112;
    const y2 = 690 + Math.sin(a) * 112;
    rays += `<path d="M${n(x1)} ${n(y1)} L${n(x2)} ${n(y2)}" stroke="${sun}" stroke-width="10" stroke-linecap="round"/>`;
  }
  const art = [
    `<path d="M492 474 C488 228 712 228 708 474" fill="none" stroke="${canvas.dark}" stroke-width="40" stroke-linecap="butt"/>`,
    `<path d="${body}" fill="url(#tote-body)"/>`,
    `<path d="${body}" fill="url(#tote-weave)"/>`,
    `<path d="${body}" fill="url(#tote-bottom)"/>`,
    `<path d="${wave(rand, 470, 520, 560, 10, 3)} L520 900 L470 900Z" fill="#000000" opacity="0.05" filter="url(#blur-md)"/>`,
    `<rect x="690" y="540" width="40" height="380" fill="#000000" opacity="0.05" filter="url(#blur-md)"/>`,
    `<rect x="392" y="470" width="416" height="46" fill="${canvas.dark}" opacity="0.25"/>`,
    `<path d="M398 508 L802 508" stroke="${canvas.dark}" stroke-width="3" stroke-dasharray="10 7"/>`,
    `<path d="M480 480 C470 272 730 272 720 480" fill="none" stroke="${canvas.base}" stroke-width="42"/>`,
    `<path d="M480 480 C470 272 730 272 720 480" fill="none" stroke="${canvas.dark}" stroke-width="3" stroke-dasharray="10 7" transform="translate(0 -14)"/>`,
    `<path d="M480 480 C470 272 730 272 720 480" fill="none" stroke="${canvas.dark}" stroke-width="3" stroke-dasharray="10 7" transform="translate(0 14)" opacity="0.6"/>`,
    stitch(480),
    stitch(720),
    // screen-printed mark: a sun over two hills
    `<g opacity="0.94">`,
    rays,
    `<circle cx="600" cy="690" r="66" fill="${sun}"/>`,
    `<path d="M452 800 C500 700 590 690 660 800 Z" fill="${ink2}"/>`,
    `<path d="M540 800 C600 716 700 700 760 800 Z" fill="${ink}"/>`,
    `<rect x="440" y="798" width="320" height="12" rx="6" fill="${ink}"/>`,
    labelLines(600, 834, [180], ink, 0.9),
    "</g>",
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 940, rx: 300, ry: 34 }, zoom: 1.15 };
};

const scarf: Draw = (hue, rand) => {
  const wool = tones(hue, 38, 48);
  const stripe = hsl(hue + 30, 40, 88);
  const wood = tones(30, 40, 58);
  const defs = [
    linear("scarf-front", [
      [0, wool.dark],
      [0.2, wool.base],
      [0.5, wool.light],
      [0.85, wool.base],
      [1, wool.dark],
    ]),
    linear("scarf-back", [
      [0, hsl(hue, 40, 24)],
      [1, hsl(hue, 42, 34)],
    ]),
    linear(
      "scarf-rod",
      [
        [0, wood.light],
        [0.45, wood.base],
        [1, wood.dark],
      ],
      0,
      0,
      0,
      1,
    ),
    linear(
      "scarf-top",
      [
        [0, wool.light],
        [1, wool.base],
      ],
      0,
      0,
      0,
      1,
    ),
    `<pattern id="scarf-knit" width="18" height="16" patternUnits="userSpaceOnUse"><path d="M1 2 L9 14 L17 2" fill="none" stroke="#000000" stroke-width="3" stroke-opacity="0.16" stroke-linejoin="round"/><path d="M3 1 L9 10 L15 1" fill="none" stroke="#ffffff" stroke-width="1.6" stroke-opacity="0.14"/></pattern>`,
  ].join("");
  const front = "M430 262 C426 420 418 700 440 930 L668 936 C660 700 664 420 676 262 Z";
  const back = "M640 262 L800 262 C806 480 808 640 812 846 L660 852 C664 640 660 460 640 262 Z";
  const fringe = (x0: number, x1: number, y0: number, y1: number, color: string): string => {
    let out = "";
    const count = Math.round((x1 - x0) / 13);
    for (let i = 0; i <= count; i++) {
      const x = x0 + ((x1 - x0) / count) * i;
      const y = y0 + ((y1 - y0) / count) * i;
      const len = between(rand, 56, 72);
      const drift = between(rand, -6, 6);
      out += `<path d="M${n(x)} ${n(y - 4)} Q${n(x + drift / 2)} ${n(y + len / 2)} ${n(x + drift)} ${n(y + len)}" fill="none" stroke="${color}" stroke-width="7" stroke-linecap="round"/>`;
    }
    return out;
  };
  const bands = (clip: string, y: number): string =>
    `<g clip-path="url(#${clip})"><rect x="400" y="${y}" width="440" height="30" fill="${stripe}"/><rect x="400" y="${y + 46}" width="440" height="14" fill="${stripe}"/></g>`;
  const art = [
    `<clipPath id="scarf-front-clip"><path d="${front}"/></clipPath>`,
    `<clipPath id="scarf-back-clip"><path d="${back}"/></clipPath>`,
    // soft shadow of the scarf on the wall
    `<g transform="translate(30 30)" opacity="0.28" filter="url(#blur-lg)"><path d="${front}" fill="#2a2118"/><path d="${back}" fill="#2a2118"/><rect x="300" y="240" width="600" height="40" fill="#2a2118"/></g>`,
    `<rect x="296" y="246" width="608" height="34" rx="17" fill="url(#scarf-rod)"/>`,
    `<circle cx="300" cy="263" r="17" fill="${wood.dark}"/><circle cx="900" cy="263" r="17" fill="${wood.base}"/>`,
    `<path d="M600 246 L600 40" stroke="${hsl(30, 20, 45)}" stroke-width="4" opacity="0.7"/>`,
    fringe(664, 808, 846, 840, hsl(hue, 42, 30)),
    `<path d="${back}" fill="url(#scarf-back)"/>`,
    `<path d="${back}" fill="url(#scarf-knit)"/>`,
    bands("scarf-back-clip", 740),
    `<path d="${back}" fill="#000000" opacity="0.22"/>`,
    fringe(444, 664, 928, 934, wool.base),
    `<path d="${front}" fill="url(#scarf-front)"/>`,
    `<path d="${front}" fill="url(#scarf-knit)"/>`,
    bands("scarf-front-clip", 822),
    `<g clip-path="url(#scarf-front-clip)"><path d="M520 300 C516 500 530 700 536 930" fill="none" stroke="#000000" stroke-width="26" opacity="0.08" filter="url(#blur-md)"/><path d="M600 300 C604 520 596 740 604 930" fill="none" stroke="#ffffff" stroke-width="22" opacity="0.1" filter="url(#blur-md)"/></g>`,
    // the fold over the rod
    `<path d="M424 282 C420 232 446 222 480 222 L768 222 C798 222 814 236 808 282 Z" fill="url(#scarf-top)"/>`,
    `<path d="M424 282 C420 232 446 222 480 222 L768 222 C798 222 814 236 808 282 Z" fill="url(#scarf-knit)"/>`,
    `<path d="M426 280 L808 280" stroke="${wool.dark}" stroke-width="8" opacity="0.5" filter="url(#blur-sm)"/>`,
  ].join("");
  return { defs, body: art };
};

const candle: Draw = (hue) => {
  const wax = tones(hue, 40, 80);
  const defs = [
    linear("candle-wax", [
      [0, hsl(hue, 30, 62)],
      [0.2, wax.base],
      [0.45, wax.shine],
      [0.8, wax.base],
      [1, hsl(hue, 30, 60)],
    ]),
    linear("candle-label", [
      [0, hsl(30, 35, 52)],
      [0.2, hsl(33, 42, 70)],
      [0.45, hsl(35, 48, 78)],
      [0.8, hsl(33, 42, 68)],
      [1, hsl(30, 35, 50)],
    ]),
    linear(
      "candle-flame",
      [
        [0, hsl(48, 100, 92)],
        [0.45, hsl(44, 100, 66)],
        [0.85, hsl(32, 100, 55)],
        [1, hsl(210, 60, 60)],
      ],
      0,
      0,
      0,
      1,
    ),
    radial("candle-glow", [
      [0, hsl(45, 100, 72), 0.55],
      [0.4, hsl(42, 100, 70), 0.22],
      [1, hsl(42, 100, 70), 0],
    ]),
    linear(
      "candle-top",
      [
        [0, wax.base],
        [1, wax.shine],
      ],
      0,
      0,
      0,
      1,
    ),
  ].join("");
  const glass = "M424 480 L776 480 L766 896 C764 922 744 934 716 934 L484 934 C456 934 436 922 434 896 Z";
  const waxBody = "M438 578 L762 578 L754 892 C752 912 738 920 716 920 L484 920 C462 920 448 912 446 892 Z";
  const sprig = [
    `<path d="M600 782 C598 740 604 712 616 690" fill="none" stroke="${hsl(hue, 35, 30)}" stroke-width="4" stroke-linecap="round"/>`,
    ...[
      [604, 748, -50],
      [600, 726, 40],
      [608, 708, -40],
      [614, 694, 30],
    ].map(
      ([x, y, a]) =>
        `<path d="${leafPath(30, 9)}" transform="translate(${x} ${y}) rotate(${a})" fill="${hsl(hue, 35, 34)}"/>`,
    ),
  ].join("");
  const art = [
    `<circle cx="602" cy="500" r="210" fill="url(#candle-glow)"/>`,
    `<path d="${waxBody}" fill="url(#candle-wax)"/>`,
    `<ellipse cx="600" cy="578" rx="162" ry="26" fill="url(#candle-top)"/>`,
    `<ellipse cx="602" cy="580" rx="64" ry="10" fill="${hsl(hue, 40, 70)}" opacity="0.7"/>`,
    `<path d="${glass}" fill="#ffffff" opacity="0.1"/>`,
    `<rect x="430" y="655" width="340" height="182" fill="url(#candle-label)"/>`,
    `<path d="M430 661 L770 661 M430 831 L770 831" stroke="${hsl(30, 30, 46)}" stroke-width="2" opacity="0.5"/>`,
    `<circle cx="600" cy="736" r="60" fill="none" stroke="${hsl(hue, 35, 32)}" stroke-width="3" opacity="0.6"/>`,
    sprig,
    labelLines(600, 806, [120], hsl(hue, 30, 28), 0.55),
    `<path d="${glass}" fill="none" stroke="#ffffff" stroke-opacity="0.7" stroke-width="5"/>`,
    `<ellipse cx="600" cy="480" rx="176" ry="27" fill="#ffffff" fill-opacity="0.08" stroke="#ffffff" stroke-opacity="0.85" stroke-width="5"/>`,
    glint(452, 500, 22, 400, 0.55),
    glint(736, 520, 12, 330, 0.4),
    `<path d="M601 580 C599 566 603 556 601 540" fill="none" stroke="#2b2118" stroke-width="6" stroke-linecap="round"/>`,
    `<path d="M602 430 C620 470 628 508 620 530 C614 546 590 546 584 530 C576 508 586 470 602 430 Z" fill="url(#candle-flame)"/>`,
    `<ellipse cx="602" cy="520" rx="7" ry="14" fill="${hsl(210, 60, 55)}" opacity="0.5"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 930, rx: 240, ry: 34 }, zoom: 1.25 };
};

const plantPot: Draw = (hue, rand) => {
  const glaze = tones(hue, 40, 56);
  const defs = [
    cylinder("pot-glaze", glaze),
    linear("pot-rim", [
      [0, glaze.dark],
      [0.3, glaze.light],
      [0.4, glaze.shine],
      [0.7, glaze.base],
      [1, glaze.dark],
    ]),
    linear("pot-leaf-a", [
      [0, hsl(132, 42, 24)],
      [0.5, hsl(128, 40, 36)],
      [1, hsl(120, 42, 46)],
    ]),
    linear("pot-leaf-b", [
      [0, hsl(110, 38, 34)],
      [0.5, hsl(105, 40, 46)],
      [1, hsl(98, 44, 58)],
    ]),
  ].join("");
  const leaves: [angle: number, length: number, width: number][] = [
    [-8, 470, 70],
    [14, 440, 66],
    [-32, 410, 70],
    [36, 400, 68],
    [-56, 330, 64],
    [58, 320, 62],
    [-18, 300, 56],
    [24, 290, 54],
  ];
  const leafArt = leaves
    .map(([angle, length, width], i) => {
      const grad = i % 2 === 0 ? "pot-leaf-a" : "pot-leaf-b";
      const bend = between(rand, -4, 4);
      return [
        `<g transform="translate(600 612) rotate(${angle + bend})">`,
        `<path d="${leafPath(length, width)}" fill="url(#${grad})"/>`,
        `<path d="M0 -10 Q${n(width * 0.08)} ${n(-length / 2)} 0 ${n(-length * 0.94)}" fill="none" stroke="${hsl(90, 40, 72)}" stroke-width="4" opacity="0.55"/>`,
        "</g>",
      ].join("");
    })
    .join("");
  const body = "M380 668 L820 668 L768 918 C764 932 754 938 738 938 L462 938 C446 938 436 932 432 918 Z";
  const art = [
    leafArt,
    `<path d="${body}" fill="url(#pot-glaze)"/>`,
    `<clipPath id="pot-clip"><path d="${body}"/></clipPath>`,
    `<g clip-path="url(#pot-clip)">`,
    `<rect x="360" y="664" width="480" height="34" fill="#000000" opacity="0.28" filter="url(#blur-sm)"/>`,
    `<path d="M360 760 L840 760 M360 780 L840 780" stroke="${glaze.shine}" stroke-width="5" opacity="0.55"/>`,
    speckles(rand, 70, 380, 680, 440, 260, "#2d2118"),
    glint(470, 700, 26, 200, 0.3),
    "</g>",
    `<path d="M360 598 L840 598 L834 672 C834 678 830 680 824 680 L376 680 C370 680 366 678 366 672 Z" fill="url(#pot-rim)"/>`,
  ].join("");
  const rimTop = [
    `<ellipse cx="600" cy="598" rx="240" ry="26" fill="${glaze.light}"/>`,
    `<ellipse cx="600" cy="600" rx="220" ry="20" fill="${hsl(24, 35, 20)}"/>`,
  ].join("");
  // the rim's top and the soil sit behind the leaves' bases but in front of the far leaves: draw the leaves
  // again, clipped above the soil line, so the plant grows out of the pot
  const art2 = [
    rimTop,
    `<clipPath id="pot-above"><rect x="0" y="0" width="1200" height="600"/></clipPath>`,
    `<g clip-path="url(#pot-above)">${leafArt}</g>`,
  ].join("");
  return { defs, body: art + art2, shadow: { cx: 600, cy: 934, rx: 240, ry: 32 }, zoom: 1.12 };
};

const soap: Draw = (hue, rand) => {
  const defs = [
    linear("soap-top", [
      [0, hsl(hue, 36, 92)],
      [1, hsl(hue, 32, 84)],
    ]),
    linear(
      "soap-front",
      [
        [0, hsl(hue, 30, 82)],
        [1, hsl(hue, 28, 70)],
      ],
      0,
      0,
      0,
      1,
    ),
    linear(
      "soap-side",
      [
        [0, hsl(hue, 26, 68)],
        [1, hsl(hue, 24, 58)],
      ],
      0,
      0,
      0,
      1,
    ),
  ].join("");
  const bar = (x: number, y: number, w: number, h: number, dx: number, dy: number): string => {
    const face = (points: string, fill: string): string =>
      `<polygon points="${points}" fill="url(#${fill})" stroke="url(#${fill})" stroke-width="28" stroke-linejoin="round"/>`;
    return [
      face(`${x + w},${y} ${x + w + dx},${y - dy} ${x + w + dx},${y - dy + h} ${x + w},${y + h}`, "soap-side"),
      face(`${x},${y} ${x + w},${y} ${x + w},${y + h} ${x},${y + h}`, "soap-front"),
      face(`${x},${y} ${x + w},${y} ${x + w + dx},${y - dy} ${x + dx},${y - dy}`, "soap-top"),
      `<path d="M${x - 4} ${y + 6} L${x + w + 4} ${y + 6}" stroke="#ffffff" stroke-width="8" opacity="0.5" filter="url(#blur-sm)"/>`,
      `<path d="M${x + w + 8} ${y + 4} L${x + w + dx + 4} ${y - dy + 6}" stroke="#ffffff" stroke-width="6" opacity="0.35" filter="url(#blur-sm)"/>`,
    ].join("");
  };
  const kraft = hsl(32, 40, 64);
  const kraftTop = hsl(34, 44, 74);
  // a stamp pressed into the top face: drawn flat, then skewed onto the face
  const stamp = [
    `<g transform="matrix(1 0 0.96 -0.84 712 612)">`,
    `<circle r="44" fill="none" stroke="${hsl(hue, 26, 66)}" stroke-width="7"/>`,
    `<circle r="44" fill="none" stroke="#ffffff" stroke-width="3" opacity="0.7" transform="translate(-2 2)"/>`,
    `<g transform="scale(1 -1)">${hillsMark(0, 4, 0.55, hsl(hue, 26, 64), 1, 6)}</g>`,
    "</g>",
  ].join("");
  const sprig = (x: number, y: number, angle: number, buds: number): string => {
    let out = `<g transform="translate(${x} ${y}) rotate(${angle})">`;
    out += `<path d="M0 0 L260 0" stroke="${hsl(95, 25, 40)}" stroke-width="5" stroke-linecap="round"/>`;
    for (let i = 0; i < buds; i++) {
      const side = i % 2 === 0 ? -1 : 1;
      const bx = 150 + i * 9;
      out += `<ellipse cx="${bx}" cy="${side * 7}" rx="12" ry="8" transform="rotate(${side * -30} ${bx} ${side * 7})" fill="${hsl(268, 36, 50 + (i % 3) * 7)}"/>`;
    }
    return `${out}</g>`;
  };
  const art = [
    bar(350, 790, 420, 120, 100, 88),
    `<rect x="340" y="770" width="450" height="40" fill="#000000" opacity="0.12" filter="url(#blur-sm)"/>`,
    bar(380, 652, 380, 112, 96, 84),
    speckles(rand, 40, 380, 800, 380, 100, hsl(hue, 30, 40)),
    // paper band round the top bar
    `<polygon points="500,652 590,652 590,764 500,764" fill="${kraft}" stroke="${kraft}" stroke-width="2"/>`,
    `<polygon points="500,652 590,652 686,568 596,568" fill="${kraftTop}"/>`,
    `<path d="M545 652 L545 764 M545 652 L641 568" stroke="${hsl(30, 30, 40)}" stroke-width="4" opacity="0.7"/>`,
    `<circle cx="545" cy="708" r="22" fill="${hsl(36, 40, 84)}" stroke="${hsl(30, 30, 40)}" stroke-width="3"/>`,
    stamp,
    sprig(300, 990, -14, 14),
    sprig(330, 1004, -22, 12),
  ].join("");
  return { defs, body: art, shadow: { cx: 640, cy: 915, rx: 340, ry: 40 }, zoom: 1.2 };
};

const teaTin: Draw = (hue, rand) => {
  const metal = tones(hue, 45, 42);
  const defs = [
    cylinder("tin-body", metal),
    cylinder("tin-lid", tones(hue, 42, 36)),
    linear("tin-label", [
      [0, hsl(40, 24, 66)],
      [0.15, hsl(42, 38, 86)],
      [0.4, hsl(44, 45, 95)],
      [0.8, hsl(42, 36, 84)],
      [1, hsl(40, 24, 62)],
    ]),
  ].join("");
  const leafColour = hsl(hue, 42, 32);
  // a little heap of loose tea in front of the tin, and a few stray leaves
  let loose = "";
  const leaf = (x: number, y: number): string => {
    const a = between(rand, 0, 180);
    const l = between(rand, 9, 16);
    const color = hsl(76 + between(rand, -20, 16), 32, between(rand, 18, 36));
    return `<ellipse cx="${n(x)}" cy="${n(y)}" rx="${n(l)}" ry="${n(l * 0.42)}" transform="rotate(${n(a)} ${n(x)} ${n(y)})" fill="${color}"/>`;
  };
  for (let i = 0; i < 150; i++) {
    const u = between(rand, -1, 1);
    const height = Math.sqrt(1 - u * u) * between(rand, 0, 1);
    loose += leaf(820 + u * 120, 972 - height * 70);
  }
  for (let i = 0; i < 9; i++) loose += leaf(between(rand, 560, 980), between(rand, 955, 1000));
  const art = [
    `<path d="M440 470 L440 900 A160 30 0 0 0 760 900 L760 470 Z" fill="url(#tin-body)"/>`,
    `<path d="M440 600 L760 600 L760 800 L440 800 Z" fill="url(#tin-label)"/>`,
    `<path d="M440 614 L760 614 M440 786 L760 786" stroke="${metal.base}" stroke-width="5"/>`,
    `<g transform="translate(600 690)">`,
    `<path d="M0 36 C-2 10 2 -10 6 -30" fill="none" stroke="${leafColour}" stroke-width="4" stroke-linecap="round"/>`,
    `<path d="${leafPath(62, 20)}" transform="translate(0 24) rotate(-52)" fill="${leafColour}"/>`,
    `<path d="${leafPath(56, 18)}" transform="translate(2 10) rotate(48)" fill="${hsl(hue, 40, 42)}"/>`,
    `<path d="${leafPath(34, 11)}" transform="translate(6 -24) rotate(8)" fill="${hsl(hue, 40, 48)}"/>`,
    "</g>",
    labelLines(600, 742, [150, 96], hsl(hue, 30, 30), 0.55),
    glint(478, 480, 20, 410, 0.45),
    `<path d="M430 396 L430 480 A170 30 0 0 0 770 480 L770 396 Z" fill="url(#tin-lid)"/>`,
    `<ellipse cx="600" cy="396" rx="170" ry="30" fill="${metal.light}"/>`,
    `<ellipse cx="600" cy="396" rx="140" ry="22" fill="none" stroke="${metal.dark}" stroke-width="4" opacity="0.6"/>`,
    `<ellipse cx="600" cy="398" rx="140" ry="22" fill="none" stroke="${metal.shine}" stroke-width="2" opacity="0.6"/>`,
    `<path d="M432 480 A170 30 0 0 0 768 480" fill="none" stroke="${metal.dark}" stroke-width="6" opacity="0.5"/>`,
    glint(470, 410, 16, 62, 0.45),
    `<ellipse cx="820" cy="978" rx="140" ry="16" fill="#2a2118" opacity="0.25" filter="url(#blur-sm)"/>`,
    loose,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 912, rx: 230, ry: 34 }, zoom: 1.2 };
};

const apron: Draw = (hue) => {
  const fabric = tones(hue, 34, 50);
  const thread = hsl(hue + 20, 30, 90);
  const defs = [
    linear("apron-fabric", [
      [0, fabric.dark],
      [0.2, fabric.base],
      [0.5, fabric.light],
      [0.8, fabric.base],
      [1, fabric.dark],
    ]),
    `<pattern id="apron-linen" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="2" fill="#000000" opacity="0.06"/><rect width="2" height="8" fill="#ffffff" opacity="0.05"/></pattern>`,
    radial("apron-hook", [
      [0, hsl(44, 60, 78)],
      [1, hsl(38, 50, 40)],
    ]),
  ].join("");
  const shape =
    "M470 300 L730 300 C736 440 780 540 856 560 L884 1010 Q600 1036 316 1010 L344 560 C420 540 464 440 470 300 Z";
  const folds = [430, 540, 660, 770]
    .map((x, i) => {
      const color = i % 2 === 0 ? "#000000" : "#ffffff";
      return `<path d="M${x} 600 C${x - 8} 760 ${x + 10} 880 ${x - 6} 1010" fill="none" stroke="${color}" stroke-width="30" opacity="0.08" filter="url(#blur-md)"/>`;
    })
    .join("");
  const art = [
    // shadow on the wall
    `<g transform="translate(24 30)" opacity="0.3" filter="url(#blur-lg)"><path d="${shape}" fill="#2a2118"/><path d="M352 574 C310 660 300 760 282 880 M848 574 C890 660 906 760 924 870" fill="none" stroke="#2a2118" stroke-width="30"/></g>`,
    `<path d="M484 306 Q560 196 600 150 Q640 196 716 306" fill="none" stroke="${fabric.dark}" stroke-width="26" stroke-linejoin="round"/>`,
    `<circle cx="600" cy="142" r="20" fill="url(#apron-hook)"/>`,
    // waist ties hanging down
    `<path d="M352 574 C310 660 300 760 282 880" fill="none" stroke="${fabric.dark}" stroke-width="30" stroke-linecap="butt"/>`,
    `<path d="M848 574 C890 660 906 760 924 870" fill="none" stroke="${fabric.base}" stroke-width="30" stroke-linecap="butt"/>`,
    `<path d="${shape}" fill="url(#apron-fabric)"/>`,
    `<path d="${shape}" fill="url(#apron-linen)"/>`,
    `<clipPath id="apron-clip"><path d="${shape}"/></clipPath>`,
    `<g clip-path="url(#apron-clip)">${folds}</g>`,
    `<path d="M488 318 L712 318 M330 986 Q600 1010 870 986" fill="none" stroke="${thread}" stroke-width="3" stroke-dasharray="10 7" opacity="0.8"/>`,
    // pocket
    `<rect x="470" y="680" width="260" height="170" rx="10" fill="${fabric.base}"/>`,
    `<rect x="470" y="680" width="260" height="170" rx="10" fill="url(#apron-linen)"/>`,
    `<rect x="470" y="680" width="260" height="26" fill="#000000" opacity="0.1"/>`,
    `<rect x="480" y="690" width="240" height="150" rx="6" fill="none" stroke="${thread}" stroke-width="3" stroke-dasharray="10 7" opacity="0.8"/>`,
    `<path d="M600 708 L600 840" stroke="${thread}" stroke-width="3" stroke-dasharray="10 7" opacity="0.8"/>`,
    `<rect x="472" y="846" width="256" height="10" fill="#000000" opacity="0.12" filter="url(#blur-sm)"/>`,
  ].join("");
  return { defs, body: art };
};

const earrings: Draw = (hue, rand) => {
  const clay = tones(hue, 50, 54);
  const gold = tones(42, 60, 52);
  const defs = [
    linear(
      "ear-card",
      [
        [0, hsl(34, 36, 84)],
        [1, hsl(32, 34, 74)],
      ],
      0,
      0,
      1,
      1,
    ),
    radial(
      "ear-drop",
      [
        [0, clay.shine],
        [0.35, clay.light],
        [0.75, clay.base],
        [1, clay.dark],
      ],
      0.36,
      0.32,
      0.8,
    ),
    radial(
      "ear-gold",
      [
        [0, gold.shine],
        [0.6, gold.base],
        [1, gold.dark],
      ],
      0.35,
      0.35,
      0.7,
    ),
  ].join("");
  const card = `<rect x="390" y="260" width="420" height="640" rx="22" fill="url(#ear-card)"/>`;
  const earring = (x: number): string => {
    const dots = speckles(rand, 14, x - 60, 600, 120, 150, hsl(hue, 30, 22));
    const light = speckles(rand, 8, x - 60, 600, 120, 150, "#ffffff");
    const drop = `M${x} 556 C${x + 22} 600 ${x + 82} 650 ${x + 80} 712 A80 80 0 0 1 ${x - 80} 712 C${x - 82} 650 ${x - 22} 600 ${x} 556 Z`;
    return [
      `<circle cx="${x}" cy="380" r="8" fill="${hsl(30, 30, 40)}"/>`,
      `<path d="${drop}" fill="#2a2118" opacity="0.25" transform="translate(10 14)" filter="url(#blur-sm)"/>`,
      `<path d="M${x} 374 C${x + 34} 388 ${x + 18} 452 ${x} 480" fill="none" stroke="${gold.dark}" stroke-width="7" stroke-linecap="round"/>`,
      `<path d="M${x} 374 C${x + 34} 388 ${x + 18} 452 ${x} 480" fill="none" stroke="${gold.light}" stroke-width="3" stroke-linecap="round"/>`,
      `<circle cx="${x}" cy="492" r="13" fill="url(#ear-gold)"/>`,
      `<clipPath id="ear-clip-${x}"><path d="${drop}"/></clipPath>`,
      `<path d="${drop}" fill="url(#ear-drop)"/>`,
      `<g clip-path="url(#ear-clip-${x})">${dots}${light}</g>`,
      `<circle cx="${x}" cy="572" r="6" fill="${clay.dark}"/>`,
      `<circle cx="${x}" cy="536" r="28" fill="none" stroke="${gold.dark}" stroke-width="7"/>`,
      `<path d="M${x - 20} 520 A28 28 0 0 1 ${x + 20} 516" fill="none" stroke="${gold.shine}" stroke-width="3" stroke-linecap="round"/>`,
      `<ellipse cx="${x - 30}" cy="660" rx="14" ry="30" fill="#ffffff" opacity="0.35" transform="rotate(20 ${x - 30} 660)" filter="url(#blur-sm)"/>`,
    ].join("");
  };
  const art = [
    `<rect x="410" y="284" width="420" height="640" rx="22" fill="#2a2118" opacity="0.18" filter="url(#blur-md)"/>`,
    card,
    `<rect x="404" y="274" width="392" height="612" rx="14" fill="none" stroke="#ffffff" stroke-width="2" opacity="0.5"/>`,
    earring(505),
    earring(695),
    hillsMark(600, 838, 0.9, hsl(30, 30, 42), 0.7, 4),
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 898, rx: 250, ry: 22 }, zoom: 1.15 };
};

const notebook: Draw = (hue) => {
  const cover = tones(hue, 36, 40);
  const defs = [
    linear("nb-cover", [
      [0, cover.dark],
      [0.1, cover.base],
      [0.12, cover.dark],
      [0.16, cover.light],
      [0.6, cover.base],
      [1, cover.dark],
    ]),
    linear("nb-pages", [
      [0, hsl(42, 30, 94)],
      [1, hsl(40, 24, 80)],
    ]),
    `<pattern id="nb-linen" width="7" height="7" patternUnits="userSpaceOnUse"><rect width="7" height="2" fill="#000000" opacity="0.08"/><rect width="2" height="7" fill="#ffffff" opacity="0.06"/></pattern>`,
    `<pattern id="nb-edge" width="8" height="5" patternUnits="userSpaceOnUse"><rect width="8" height="1.5" fill="${hsl(40, 20, 70)}"/></pattern>`,
    linear(
      "nb-pencil",
      [
        [0, hsl(30, 40, 80)],
        [0.5, hsl(30, 40, 66)],
        [1, hsl(28, 36, 50)],
      ],
      0,
      0,
      0,
      1,
    ),
  ].join("");
  const art = [
    `<rect x="392" y="286" width="440" height="630" rx="14" fill="#2a2118" opacity="0.2" filter="url(#blur-md)"/>`,
    `<rect x="784" y="296" width="34" height="612" rx="8" fill="${cover.dark}"/>`,
    `<rect x="776" y="310" width="30" height="584" fill="url(#nb-pages)"/>`,
    `<rect x="776" y="310" width="30" height="584" fill="url(#nb-edge)"/>`,
    `<rect x="388" y="290" width="400" height="620" rx="14" fill="url(#nb-cover)"/>`,
    `<rect x="388" y="290" width="400" height="620" rx="14" fill="url(#nb-linen)"/>`,
    // the label slot and the debossed mark
    `<rect x="488" y="410" width="220" height="104" rx="8" fill="${hsl(42, 40, 92)}"/>`,
    `<rect x="498" y="420" width="200" height="84" rx="4" fill="none" stroke="${cover.base}" stroke-width="2" opacity="0.5"/>`,
    labelLines(598, 446, [140, 90], cover.dark, 0.6),
    hillsMark(598, 800, 1.1, cover.shine, 0.55, 5),
    // the elastic and the ribbon
    `<rect x="734" y="286" width="20" height="628" fill="${hsl(hue, 25, 16)}"/>`,
    `<rect x="737" y="286" width="5" height="628" fill="#ffffff" opacity="0.18"/>`,
    `<path d="M694 906 L694 1000 L708 986 L722 1000 L722 906 Z" fill="${hsl(40, 70, 55)}"/>`,
    `<path d="M694 906 L722 906 L722 920 L694 920 Z" fill="#000000" opacity="0.2"/>`,
    // a pencil in front
    `<g transform="translate(300 1000) rotate(-7)">`,
    `<rect x="0" y="-15" width="330" height="30" fill="url(#nb-pencil)"/>`,
    `<path d="M0 -5 L330 -5" stroke="#ffffff" stroke-width="3" opacity="0.4"/>`,
    `<polygon points="330,-15 392,0 330,15" fill="${hsl(32, 50, 82)}"/>`,
    `<polygon points="374,-4.4 392,0 374,4.4" fill="#2b2b2b"/>`,
    `<rect x="-34" y="-16" width="36" height="32" fill="${hsl(45, 30, 72)}"/>`,
    `<path d="M-26 -16 L-26 16 M-16 -16 L-16 16 M-6 -16 L-6 16" stroke="${hsl(45, 20, 50)}" stroke-width="3"/>`,
    `<rect x="-72" y="-15" width="40" height="30" rx="8" fill="${hsl(350, 55, 72)}"/>`,
    "</g>",
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 910, rx: 260, ry: 24 }, zoom: 1.1 };
};

const jam: Draw = (hue, rand) => {
  const fruit = tones(hue, 70, 40);
  const cloth = hsl(hue, 60, 50);
  const defs = [
    linear("jam-fill", [
      [0, hsl(hue, 72, 16)],
      [0.18, hsl(hue, 72, 28)],
      [0.42, hsl(hue, 78, 44)],
      [0.62, hsl(hue, 74, 34)],
      [1, hsl(hue, 72, 15)],
    ]),
    `<pattern id="jam-gingham" width="44" height="44" patternUnits="userSpaceOnUse"><rect width="44" height="44" fill="#fbf7f0"/><rect width="22" height="44" fill="${cloth}" opacity="0.5"/><rect width="44" height="22" fill="${cloth}" opacity="0.5"/></pattern>`,
    radial(
      "jam-fruit",
      [
        [0, fruit.shine],
        [0.3, fruit.light],
        [0.75, fruit.base],
        [1, fruit.dark],
      ],
      0.38,
      0.34,
      0.75,
    ),
    linear(
      "jam-cloth-shade",
      [
        [0, "#000000", 0.05],
        [1, "#000000", 0.25],
      ],
      0,
      0,
      0,
      1,
    ),
  ].join("");
  const jar =
    "M440 540 L760 540 C792 546 804 570 804 604 L804 876 C804 914 782 932 744 932 L456 932 C418 932 396 914 396 876 L396 604 C396 570 408 546 440 540 Z";
  // the cloth's pinked (zigzag) hem, built right to left so the shape closes cleanly
  let edge = "";
  for (let x = 818, i = 0; x > 382; x -= 18, i++) {
    edge += ` L${x - 9} ${i % 2 === 0 ? 626 : 640} L${x - 18} 612`;
  }
  const cover = `M438 470 C446 436 500 428 600 428 C700 428 754 436 762 470 L818 612${edge} L382 612 Z`;
  const fruitAt = (x: number, y: number, r: number, tilt: number): string =>
    [
      `<ellipse cx="${x + 6}" cy="${y + r * 0.9}" rx="${r * 0.9}" ry="${r * 0.22}" fill="#2a2118" opacity="0.3" filter="url(#blur-sm)"/>`,
      `<circle cx="${x}" cy="${y}" r="${r}" fill="url(#jam-fruit)"/>`,
      `<path d="M${x} ${y - r * 0.85} q4 -20 14 -30" fill="none" stroke="${hsl(30, 40, 28)}" stroke-width="5" stroke-linecap="round"/>`,
      `<path d="${leafPath(r * 0.9, r * 0.3)}" transform="translate(${x + 6} ${y - r * 0.9}) rotate(${tilt})" fill="${hsl(110, 38, 38)}"/>`,
      `<ellipse cx="${x - r * 0.35}" cy="${y - r * 0.4}" rx="${r * 0.18}" ry="${r * 0.12}" fill="#ffffff" opacity="0.55"/>`,
    ].join("");
  const art = [
    `<path d="${jar}" fill="url(#jam-fill)"/>`,
    speckles(rand, 60, 410, 640, 380, 280, hsl(hue, 60, 12)),
    `<path d="${jar}" fill="#ffffff" opacity="0.06" stroke="#ffffff" stroke-opacity="0.5" stroke-width="5"/>`,
    glint(418, 640, 24, 250, 0.5),
    glint(772, 650, 12, 200, 0.35),
    `<circle cx="600" cy="760" r="100" fill="${hsl(36, 42, 84)}"/>`,
    `<circle cx="600" cy="760" r="86" fill="none" stroke="${hsl(hue, 50, 34)}" stroke-width="3" opacity="0.7"/>`,
    labelLines(600, 740, [110, 70], hsl(hue, 50, 26), 0.6),
    `<path d="M560 720 q40 -24 80 0" fill="none" stroke="${hsl(hue, 50, 34)}" stroke-width="4" opacity="0.7"/>`,
    `<path d="${cover}" fill="url(#jam-gingham)"/>`,
    `<path d="${cover}" fill="url(#jam-cloth-shade)"/>`,
    `<path d="M470 560 C466 580 470 600 466 620 M560 560 C556 590 560 610 558 630 M680 560 C686 590 682 610 688 630" fill="none" stroke="#000000" stroke-width="14" opacity="0.12" filter="url(#blur-sm)"/>`,
    `<path d="M436 500 Q600 524 764 500" fill="none" stroke="${hsl(34, 36, 58)}" stroke-width="9" stroke-linecap="round"/>`,
    `<path d="M640 514 C610 470 580 500 640 514 C700 470 700 500 640 514 Z" fill="none" stroke="${hsl(34, 36, 58)}" stroke-width="8" stroke-linejoin="round"/>`,
    `<path d="M640 514 L622 570 M640 514 L666 566" stroke="${hsl(34, 36, 58)}" stroke-width="7" stroke-linecap="round"/>`,
    fruitAt(322, 878, 56, 50),
    fruitAt(878, 892, 46, -40),
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 925, rx: 270, ry: 36 }, zoom: 1.2 };
};

const eggs: Draw = (hue, rand) => {
  const pulp = tones(hue, 12, 72);
  const palette = ["#c98b5a", "#d9a777", "#efe3cf", "#b7784b", "#cfdcc9", "#e2c29b"];
  const defs = [
    linear(
      "egg-carton",
      [
        [0, pulp.light],
        [1, pulp.dark],
      ],
      0,
      0,
      0,
      1,
    ),
    linear(
      "egg-lid",
      [
        [0, pulp.base],
        [1, hsl(hue, 12, 66)],
      ],
      0,
      0,
      0,
      1,
    ),
    ...palette.map((color, i) =>
      radial(
        `egg-${i}`,
        [
          [0, "#ffffff", 0.85],
          [0.2, color],
          [0.78, color],
          [1, "#6b4a33"],
        ],
        0.36,
        0.3,
        0.85,
      ),
    ),
  ].join("");
  const egg = (cx: number, cy: number, r: number, shade: number): string => {
    const path =
      "M0 -1.2 C0.56 -1.2 1 -0.52 1 0.15 C1 0.62 0.55 0.95 0 0.95 C-0.55 0.95 -1 0.62 -1 0.15 C-1 -0.52 -0.56 -1.2 0 -1.2 Z";
    let speck = "";
    if (shade === 0 || shade === 3) {
      for (let i = 0; i < 12; i++) {
        const a = rand() * Math.PI * 2;
        const d = Math.sqrt(rand()) * 0.75;
        const x = Math.round(Math.cos(a) * d * 100) / 100;
        const y = Math.round((Math.sin(a) * d - 0.15) * 100) / 100;
        speck += `<circle cx="${x}" cy="${y}" r="0.03" fill="#5a3620" opacity="0.45"/>`;
      }
    }
    return `<g transform="translate(${cx} ${cy}) scale(${r})"><path d="${path}" fill="url(#egg-${shade})"/>${speck}</g>`;
  };
  const turn = Math.floor(rand() * 6);
  const order = [3, 2, 0, 4, 1, 5].map((i) => (i + turn) % 6);
  const cups = [420, 600, 780];
  const edges = [300, 510, 690, 900];
  let front = `M${edges[0]} 720`;
  for (let i = 0; i < 3; i++) front += ` Q${cups[i]} 800 ${edges[i + 1]} 720`;
  front += " L880 880";
  for (let i = 2; i >= 0; i--) front += ` Q${cups[i]} 930 ${i === 0 ? 320 : edges[i]} 880`;
  front += " Z";
  let ridge = `M${edges[0]} 650`;
  for (let i = 0; i < 3; i++) ridge += ` Q${cups[i]} 700 ${edges[i + 1]} 650`;
  ridge += " L900 700 L300 700 Z";
  const cupShade = cups
    .map(
      (x) =>
        `<ellipse cx="${x}" cy="836" rx="70" ry="40" fill="#ffffff" opacity="0.25" filter="url(#blur-md)"/><path d="M${x + 90} 760 L${x + 90} 890" stroke="#000000" stroke-width="12" opacity="0.1" filter="url(#blur-sm)"/>`,
    )
    .join("");
  const backRow = cups.map((x, i) => egg(x + (i - 1) * -8, i === 1 ? 584 : 590, 66, order[i] ?? 0)).join("");
  const frontRow = cups.map((x, i) => egg(x, i === 1 ? 696 : 702, 78, order[i + 3] ?? 0)).join("");
  const art = [
    // the lid, open behind the tray
    `<path d="M318 600 L326 364 C328 342 342 332 366 332 L834 332 C858 332 872 342 874 364 L882 600 Z" fill="url(#egg-lid)"/>`,
    `<path d="M348 590 L354 378 C356 366 362 362 376 362 L824 362 C838 362 844 366 846 378 L852 590" fill="none" stroke="${pulp.light}" stroke-width="8" opacity="0.7"/>`,
    `<path d="M352 596 L358 382 L842 382 L848 596" fill="none" stroke="#000000" stroke-width="6" opacity="0.08"/>`,
    `<rect x="300" y="560" width="600" height="60" fill="#000000" opacity="0.18" filter="url(#blur-md)"/>`,
    `<path d="M300 596 L900 596 L900 760 L300 760 Z" fill="${hsl(hue, 12, 58)}"/>`,
    backRow,
    `<path d="${ridge}" fill="${pulp.base}"/>`,
    `<path d="${ridge}" fill="#000000" opacity="0.12"/>`,
    frontRow,
    `<path d="${front}" fill="url(#egg-carton)"/>`,
    cupShade,
    `<path d="${front}" fill="none" stroke="${pulp.shine}" stroke-width="4" opacity="0.6"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 890, rx: 330, ry: 34 }, zoom: 1.12 };
};

const bowl: Draw = (hue, rand) => {
  const glaze = tones(hue, 36, 50);
  const inner = tones(hue, 30, 64);
  const clay = tones(28, 32, 66);
  const outside = "M280 590 C284 764 414 878 520 894 L680 894 C786 878 916 764 920 590 A320 90 0 0 1 280 590 Z";
  const defs = [
    cylinder("bowl-glaze", glaze),
    cylinder("bowl-clay", clay),
    linear(
      "bowl-inside",
      [
        [0, inner.dark],
        [0.45, inner.base],
        [0.85, inner.light],
        [1, inner.light],
      ],
      0,
      0,
      0,
      1,
    ),
    radial("bowl-pool", [
      [0, inner.shine, 0.7],
      [1, inner.shine, 0],
    ]),
    `<clipPath id="bowl-clip"><path d="${outside}"/></clipPath>`,
    `<clipPath id="bowl-in-clip"><ellipse cx="600" cy="590" rx="314" ry="86"/></clipPath>`,
  ].join("");
  const art = [
    `<ellipse cx="600" cy="590" rx="320" ry="90" fill="url(#bowl-inside)"/>`,
    `<g clip-path="url(#bowl-in-clip)">`,
    `<ellipse cx="600" cy="630" rx="200" ry="50" fill="url(#bowl-pool)"/>`,
    speckles(rand, 50, 300, 510, 600, 170, "#3b2a1e"),
    `<ellipse cx="600" cy="512" rx="330" ry="40" fill="#000000" opacity="0.16" filter="url(#blur-md)"/>`,
    "</g>",
    `<path d="${outside}" fill="url(#bowl-glaze)"/>`,
    `<g clip-path="url(#bowl-clip)">`,
    `<path d="${wave(rand, 260, 940, 808, 10, 7)} L940 920 L260 920 Z" fill="url(#bowl-clay)"/>`,
    speckles(rand, 120, 290, 600, 620, 290, "#3b2a1e"),
    glint(372, 660, 30, 150, 0.3),
    "</g>",
    `<ellipse cx="600" cy="590" rx="320" ry="90" fill="none" stroke="${clay.base}" stroke-width="9"/>`,
    `<ellipse cx="600" cy="588" rx="320" ry="90" fill="none" stroke="${clay.shine}" stroke-width="3" opacity="0.7"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 892, rx: 280, ry: 34 }, zoom: 1.2 };
};

const cuttingBoard: Draw = (hue, rand) => {
  const woodHue = clamp(hue, 14, 44);
  const wood = tones(woodHue, 46, 56);
  const defs = [
    linear(
      "board-face",
      [
        [0, wood.light],
        [0.5, wood.base],
        [1, wood.dark],
      ],
      0,
      0,
      1,
      1,
    ),
    `<clipPath id="board-clip"><path d="M410 420 C410 388 430 372 462 372 L540 372 L540 300 C540 262 566 240 600 240 C634 240 660 262 660 300 L660 372 L738 372 C770 372 790 388 790 420 L790 890 C790 920 770 936 738 936 L462 936 C430 936 410 920 410 890 Z"/></clipPath>`,
  ].join("");
  const outline =
    "M410 420 C410 388 430 372 462 372 L540 372 L540 300 C540 262 566 240 600 240 C634 240 660 262 660 300 L660 372 L738 372 C770 372 790 388 790 420 L790 890 C790 920 770 936 738 936 L462 936 C430 936 410 920 410 890 Z";
  const hole = "M600 278 m-24 0 a24 24 0 1 0 48 0 a24 24 0 1 0 -48 0";
  let grain = "";
  for (let i = 0; i < 26; i++) {
    const x = 400 + i * 16 + between(rand, -4, 4);
    let d = `M${n(x)} 230`;
    for (let y = 230; y < 950; y += 90) {
      d += ` Q${n(x + between(rand, -12, 12))} ${y + 45} ${n(x + between(rand, -5, 5))} ${y + 90}`;
    }
    grain += `<path d="${d}" fill="none" stroke="${wood.dark}" stroke-width="${n(between(rand, 1.5, 4))}" opacity="${Math.round(between(rand, 0.12, 0.3) * 100) / 100}"/>`;
  }
  const art = [
    `<path d="${outline} ${hole}" fill-rule="evenodd" fill="${wood.dark}" transform="translate(20 8)"/>`,
    `<path d="${outline} ${hole}" fill-rule="evenodd" fill="url(#board-face)"/>`,
    `<g clip-path="url(#board-clip)">`,
    grain,
    `<ellipse cx="690" cy="690" rx="22" ry="40" fill="none" stroke="${wood.dark}" stroke-width="4" opacity="0.35"/>`,
    `<ellipse cx="690" cy="690" rx="8" ry="18" fill="${wood.dark}" opacity="0.35"/>`,
    `<rect x="420" y="380" width="30" height="540" rx="15" fill="#ffffff" opacity="0.18" filter="url(#blur-sm)"/>`,
    "</g>",
    // a leather loop through the hole
    `<path d="M590 268 C560 190 640 190 610 268" fill="none" stroke="${hsl(22, 45, 30)}" stroke-width="10" stroke-linecap="round"/>`,
    // a sprig of rosemary resting at its foot
    `<path d="M720 975 C800 960 860 940 930 900" fill="none" stroke="${hsl(95, 20, 35)}" stroke-width="5" stroke-linecap="round"/>`,
    Array.from({ length: 14 }, (_, i) => {
      const t = i / 13;
      const x = 730 + t * 190;
      const y = 972 - t * 66;
      const side = i % 2 === 0 ? -1 : 1;
      return `<path d="${leafPath(34, 5)}" transform="translate(${n(x)} ${n(y)}) rotate(${side * 55 + 60})" fill="${hsl(140, 22, 32 + (i % 3) * 5)}"/>`;
    }).join(""),
  ].join("");
  return { defs, body: art, shadow: { cx: 610, cy: 934, rx: 260, ry: 28 }, zoom: 1.1 };
};

const bouquet: Draw = (hue, rand) => {
  const kraft = tones(32, 42, 64);
  const flower = tones(hue, 55, 58);
  const defs = [
    linear("bq-paper", [
      [0, kraft.dark],
      [0.35, kraft.light],
      [0.7, kraft.base],
      [1, kraft.dark],
    ]),
    linear("bq-back", [
      [0, hsl(30, 36, 50)],
      [1, hsl(32, 40, 60)],
    ]),
    radial(
      "bq-flower",
      [
        [0, hsl(hue + 20, 60, 40)],
        [0.3, flower.dark],
        [0.45, flower.light],
        [1, flower.base],
      ],
      0.5,
      0.5,
      0.5,
    ),
    radial(
      "bq-bunny",
      [
        [0, "#fffdf7"],
        [0.7, hsl(40, 40, 90)],
        [1, hsl(40, 30, 80), 0.6],
      ],
      0.4,
      0.35,
      0.6,
    ),
  ].join("");
  const base = { x: 600, y: 780 };
  type Stem = "lavender" | "wheat" | "flower" | "bunny" | "leaf";
  const cycle: Stem[] = [
    "leaf",
    "lavender",
    "flower",
    "wheat",
    "bunny",
    "lavender",
    "flower",
    "wheat",
    "bunny",
    "leaf",
  ];
  const layer: Record<Stem, number> = { leaf: 0, wheat: 1, lavender: 1, bunny: 2, flower: 3 };
  const count = 30;
  const stems = Array.from({ length: count }, (_, i) => {
    const t = i / (count - 1);
    const angle = -46 + 92 * t + between(rand, -4, 4);
    const length = 330 + 170 * Math.cos(((angle * Math.PI) / 180) * 1.8) + between(rand, -30, 30);
    const kind = cycle[(i * 3) % cycle.length] ?? "leaf";
    return { angle, length, kind };
  }).sort((a, b) => layer[a.kind] - layer[b.kind]);
  const heads: string[] = [];
  const stalks: string[] = [];
  for (const { angle, length, kind } of stems) {
    const a = (angle * Math.PI) / 180;
    const tx = base.x + Math.sin(a) * length;
    const ty = base.y - Math.cos(a) * length;
    stalks.push(
      `<path d="M${base.x + angle * 0.6} ${base.y + 120} L${n(tx)} ${n(ty)}" stroke="${hsl(70, 24, 38 + (Math.abs(angle) % 3) * 4)}" stroke-width="5" stroke-linecap="round"/>`,
    );
    const at = `translate(${n(tx)} ${n(ty)}) rotate(${n(angle)})`;
    if (kind === "lavender") {
      let buds = "";
      for (let i = 0; i < 13; i++) {
        const side = i % 2 === 0 ? -1 : 1;
        buds += `<ellipse cx="${side * 7}" cy="${-i * 10}" rx="9" ry="12" fill="${hsl(266, 34, 46 + (i % 3) * 7)}"/>`;
      }
      heads.push(`<g transform="${at}">${buds}</g>`);
    } else if (kind === "wheat") {
      let grains = "";
      for (let i = 0; i < 9; i++) {
        const y = -i * 13;
        grains += `<path d="M-9 ${y - 8} l-12 -44 M9 ${y - 14} l12 -44" stroke="${hsl(40, 50, 72)}" stroke-width="2"/>`;
        grains += `<ellipse cx="-9" cy="${y}" rx="8" ry="14" transform="rotate(-18 -9 ${y})" fill="${hsl(40, 62, 62 + (i % 2) * 6)}"/>`;
        grains += `<ellipse cx="9" cy="${y - 6}" rx="8" ry="14" transform="rotate(18 9 ${y - 6})" fill="${hsl(37, 58, 55 + (i % 2) * 6)}"/>`;
      }
      heads.push(`<g transform="${at}">${grains}</g>`);
    } else if (kind === "flower") {
      let petals = "";
      for (let i = 0; i < 16; i++) {
        petals += `<ellipse cx="0" cy="-30" rx="12" ry="26" transform="rotate(${n(i * 22.5)})" fill="${i % 2 === 0 ? flower.base : flower.light}"/>`;
      }
      heads.push(
        `<g transform="${at}">${petals}<circle r="26" fill="url(#bq-flower)"/><circle r="12" fill="${hsl(hue + 20, 50, 30)}"/></g>`,
      );
    } else if (kind === "bunny") {
      heads.push(`<g transform="${at}"><ellipse cx="0" cy="-22" rx="22" ry="38" fill="url(#bq-bunny)"/></g>`);
    } else {
      let pairs = "";
      for (let i = 0; i < 6; i++) {
        const y = -i * 36;
        pairs += `<ellipse cx="-20" cy="${y}" rx="21" ry="16" fill="${hsl(150, 14, 56 + (i % 2) * 6)}"/>`;
        pairs += `<ellipse cx="20" cy="${y - 16}" rx="21" ry="16" fill="${hsl(150, 14, 50 + (i % 2) * 6)}"/>`;
      }
      heads.push(`<g transform="${at}">${pairs}</g>`);
    }
  }
  const art = [
    `<path d="M360 600 L470 500 L540 560 L610 470 L690 540 L760 480 L840 600 L660 1000 L540 1000 Z" fill="url(#bq-back)"/>`,
    stalks.join(""),
    heads.join(""),
    `<path d="M372 630 L560 1010 L640 1010 L828 630 L764 690 L700 630 L630 704 L560 634 L470 690 Z" fill="url(#bq-paper)"/>`,
    `<path d="M560 634 L590 1010 M700 630 L620 1010" stroke="${kraft.dark}" stroke-width="3" opacity="0.35"/>`,
    `<path d="M470 690 L560 990" stroke="#ffffff" stroke-width="12" opacity="0.2" filter="url(#blur-sm)"/>`,
    `<path d="M510 880 Q600 900 690 880" fill="none" stroke="${hsl(34, 30, 88)}" stroke-width="9" stroke-linecap="round"/>`,
    `<path d="M600 892 C566 860 552 910 600 892 C648 860 662 910 600 892 Z" fill="none" stroke="${hsl(34, 30, 88)}" stroke-width="7"/>`,
    `<path d="M600 892 L584 956 M600 892 L620 950" stroke="${hsl(34, 30, 88)}" stroke-width="6" stroke-linecap="round"/>`,
  ].join("");
  return { defs, body: art, shadow: { cx: 600, cy: 1008, rx: 150, ry: 18 }, zoom: 0.92 };
};

const DRAWINGS: Record<PhotoKind, Draw> = {
  mug,
  "honey-jar": honeyJar,
  bread,
  "tote-bag": toteBag,
  scarf,
  candle,
  "plant-pot": plantPot,
  soap,
  "tea-tin": teaTin,
  apron,
  earrings,
  notebook,
  jam,
  eggs,
  bowl,
  "cutting-board": cuttingBoard,
  bouquet,
};
