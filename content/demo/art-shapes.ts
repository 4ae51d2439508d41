import type { ArtKind, CampaignArt } from './types.ts';

/**
 * Product drawings for the demo illustrations: plain SVG shapes, no text and no fonts,
 * drawn around (400, 520) as the ground line. `url(#p)` is the product gradient from
 * `light` to `dark`, defined by the scene in images.ts.
 */
export interface Shape {
  light: string;
  dark: string;
  body: string;
}

/** Packaging colours of a region (gift boxes, tins): gradient light → dark, plus a trim colour. */
export interface Accent {
  light: string;
  dark: string;
  trim: string;
}

/** A round item with a soft highlight (fruit, vegetables, eggs). */
function ball(cx: number, cy: number, r: number, fill: string): string {
  const h = Math.round(r * 0.35);
  return `<circle cx="${cx}" cy="${cy}" r="${r}" fill="${fill}"/><circle cx="${cx - h}" cy="${cy - h}" r="${Math.round(r / 3)}" fill="#fff" opacity=".35"/>`;
}

const grain = (x: number, y: number, a: number): string =>
  `<ellipse cx="${x}" cy="${y}" rx="10" ry="18" fill="#d9b13a" transform="rotate(${a} ${x} ${y})"/>`;

function crate(items: string): string {
  return `${items}<rect x="220" y="360" width="360" height="160" rx="14" fill="url(#p)"/><path d="M232 412H568M232 466H568" stroke="#000" stroke-opacity=".18" stroke-width="6"/><rect x="220" y="360" width="360" height="18" rx="9" fill="#fff" opacity=".25"/>`;
}

const leaf = (x: number, y: number, a: number, fill: string, rx = 26, ry = 70): string =>
  `<ellipse cx="${x}" cy="${y}" rx="${rx}" ry="${ry}" fill="${fill}" transform="rotate(${a} ${x} ${y + ry - 10})"/>`;

function tin(band: string): string {
  return `<rect x="300" y="250" width="200" height="270" rx="16" fill="url(#p)"/><ellipse cx="400" cy="250" rx="100" ry="22" fill="#fff" opacity=".35"/><rect x="292" y="222" width="216" height="40" rx="12" fill="${band}"/><rect x="300" y="330" width="200" height="110" fill="#fff" opacity=".82"/>${leaf(400, 330, 35, '#3d8b4f')}<rect x="318" y="262" width="14" height="250" rx="7" fill="#fff" opacity=".22"/>`;
}

function gift(ribbon: string): string {
  return `<rect x="230" y="320" width="340" height="200" rx="10" fill="url(#p)"/><rect x="215" y="285" width="370" height="60" rx="10" fill="url(#p)"/><rect x="215" y="285" width="370" height="60" rx="10" fill="#fff" opacity=".18"/><rect x="380" y="285" width="40" height="235" fill="${ribbon}"/><path d="M400 285C340 220 300 250 330 285ZM400 285C460 220 500 250 470 285Z" fill="${ribbon}"/><circle cx="400" cy="283" r="16" fill="${ribbon}"/>`;
}

const PRODUCT_SHAPES: Record<ArtKind, (a: Accent) => Shape> = {
  'crate-veg': () => ({
    light: '#d9a066', dark: '#9c6230',
    body: crate(`${ball(300, 340, 62, '#5fae4e')}${ball(405, 320, 70, '#7cc46a')}<ellipse cx="500" cy="340" rx="70" ry="34" fill="#7b3f8f" transform="rotate(-25 500 340)"/><path d="M250 300L300 370L320 350Z" fill="#f08a24"/>${ball(360, 360, 34, '#e2463a')}${ball(455, 366, 30, '#e2463a')}`),
  }),
  'crate-fruit': () => ({
    light: '#d9a066', dark: '#9c6230',
    body: crate(`${ball(290, 336, 52, '#f59b23')}${ball(390, 318, 60, '#e03e36')}${ball(495, 334, 54, '#f7c531')}${ball(340, 362, 40, '#f59b23')}${ball(450, 364, 42, '#8bc34a')}<path d="M390 260q10-20 28-26" stroke="#5b3a1a" stroke-width="6" fill="none"/>`),
  }),
  greens: () => ({
    light: '#9bd77e', dark: '#2f8a3e',
    body: `${leaf(340, 300, -30, 'url(#p)', 46, 110)}${leaf(460, 300, 30, 'url(#p)', 46, 110)}${leaf(375, 280, -10, 'url(#p)', 44, 120)}${leaf(425, 280, 12, 'url(#p)', 44, 120)}${leaf(400, 270, 0, '#6cc05a', 40, 120)}<path d="M400 420V515M370 420L385 515M430 420L415 515" stroke="#e8f5d0" stroke-width="16" stroke-linecap="round"/><rect x="360" y="440" width="80" height="22" rx="8" fill="#c0392b"/>`,
  }),
  eggs: () => ({
    light: '#fff4df', dark: '#e9c89a',
    body: `<path d="M210 420H590L560 520H240Z" fill="#b9a890"/>${[270, 400, 530].map((x) => `<ellipse cx="${x}" cy="370" rx="52" ry="66" fill="url(#p)"/><ellipse cx="${x - 16}" cy="346" rx="12" ry="18" fill="#fff" opacity=".7"/>`).join('')}<path d="M210 420H590" stroke="#9c8c75" stroke-width="10"/>`,
  }),
  sack: () => ({
    light: '#f4ead2', dark: '#cdb78c',
    body: `<path d="M290 250Q400 280 510 250L540 480Q540 522 400 522Q260 522 260 480Z" fill="url(#p)"/><path d="M300 250Q400 200 500 250Q400 275 300 250Z" fill="#e5d6b2"/><rect x="360" y="238" width="80" height="16" rx="8" fill="#a04a2a"/><path d="M400 440V330" stroke="#c9a227" stroke-width="6"/>${[0, 1, 2, 3].map((i) => grain(i % 2 ? 412 : 388, 350 + i * 22, i % 2 ? 30 : -30)).join('')}`,
  }),
  yuba: () => ({
    light: '#f8deaa', dark: '#d6a85c',
    body: `${[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `<rect x="${290 + i * 28}" y="${230 + (i % 3) * 10}" width="24" height="${280 - (i % 3) * 10}" rx="12" fill="url(#p)"/>`).join('')}<rect x="280" y="360" width="240" height="34" rx="10" fill="#c0392b"/><rect x="280" y="366" width="240" height="6" fill="#fff" opacity=".3"/>`,
  }),
  bottle: () => ({
    light: '#ffe27a', dark: '#d99a16',
    body: `<path d="M370 170H430V250Q490 280 490 340V500Q490 520 470 520H330Q310 520 310 500V340Q310 280 370 250Z" fill="url(#p)"/><rect x="362" y="140" width="76" height="40" rx="8" fill="#2e7d32"/><rect x="310" y="370" width="180" height="90" fill="#fff" opacity=".85"/><circle cx="400" cy="415" r="26" fill="#6aa84f"/><rect x="326" y="290" width="14" height="200" rx="7" fill="#fff" opacity=".3"/>`,
  }),
  tin: (a) => ({ light: a.light, dark: a.dark, body: tin(a.trim) }),
  'wine-jar': () => ({
    light: '#b77b4e', dark: '#6b3d22',
    body: `<path d="M350 220H450V250Q560 300 540 420Q520 520 400 522Q280 520 260 420Q240 300 350 250Z" fill="url(#p)"/><path d="M335 215Q400 170 465 215L455 250H345Z" fill="#c62828"/><rect x="340" y="244" width="120" height="12" rx="6" fill="#f1c40f"/><rect x="320" y="350" width="160" height="100" rx="50" fill="#f5e6c8" opacity=".9"/><path d="M290 330Q300 300 330 285" stroke="#fff" stroke-opacity=".3" stroke-width="12" fill="none"/>`,
  }),
  gift: (a) => ({ light: a.light, dark: a.dark, body: gift(a.trim) }),
  apple: () => ({
    light: '#ff6b5a', dark: '#b3202a',
    body: `<path d="M400 250C330 200 230 240 240 350C250 470 330 530 400 500C470 530 550 470 560 350C570 240 470 200 400 250Z" fill="url(#p)"/><path d="M400 250Q404 210 420 185" stroke="#5b3a1a" stroke-width="10" fill="none" stroke-linecap="round"/><path d="M415 215Q470 170 510 200Q470 240 415 215Z" fill="#4caf50"/><ellipse cx="320" cy="320" rx="22" ry="40" fill="#fff" opacity=".3"/>`,
  }),
  lily: () => ({
    light: '#fffaf0', dark: '#e8d8b8',
    body: `<ellipse cx="400" cy="420" rx="150" ry="100" fill="url(#p)"/>${[-100, -50, 0, 50, 100].map((dx) => `<ellipse cx="${400 + dx}" cy="${370 + Math.abs(dx) / 3}" rx="48" ry="110" fill="url(#p)" stroke="#d9c7a3" stroke-width="3" transform="rotate(${dx / 4} ${400 + dx} 470)"/>`).join('')}<ellipse cx="400" cy="300" rx="40" ry="70" fill="#fffdf6" stroke="#d9c7a3" stroke-width="3"/><path d="M330 510Q400 530 470 510" stroke="#b59a6a" stroke-width="6" fill="none"/>`,
  }),
  pouch: () => ({
    light: '#f2c14e', dark: '#c07a1a',
    body: `<path d="M290 210H510L530 500Q530 520 510 520H290Q270 520 270 500Z" fill="url(#p)"/><rect x="290" y="210" width="220" height="26" fill="#000" opacity=".12"/><rect x="330" y="300" width="140" height="150" rx="70" fill="#fff" opacity=".85"/>${[0, 1, 2].map((i) => `<ellipse cx="${370 + i * 30}" cy="${375 + (i % 2) * 16}" rx="20" ry="34" fill="#f7ecd2" stroke="#d9c7a3" stroke-width="3"/>`).join('')}`,
  }),
  potato: () => ({
    light: '#d8b07a', dark: '#9a6a35',
    body: `<ellipse cx="320" cy="450" rx="100" ry="70" fill="url(#p)" transform="rotate(-12 320 450)"/><ellipse cx="480" cy="455" rx="110" ry="66" fill="url(#p)" transform="rotate(10 480 455)"/><ellipse cx="400" cy="370" rx="105" ry="72" fill="url(#p)"/>${[[370, 350], [430, 380], [300, 440], [500, 440], [520, 470]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="6" fill="#7a4f22"/>`).join('')}<ellipse cx="365" cy="335" rx="30" ry="12" fill="#fff" opacity=".25"/>`,
  }),
  pepper: () => ({
    light: '#ff6f4f', dark: '#a8180f',
    body: `<path d="M250 440Q400 560 550 440Z" fill="#8d5a3b"/>${[[330, 420], [370, 400], [410, 395], [450, 405], [480, 425], [350, 440], [395, 430], [440, 438], [300, 435], [500, 440], [420, 370], [380, 372]].map(([x, y]) => `<circle cx="${x}" cy="${y}" r="22" fill="url(#p)"/>`).join('')}${leaf(470, 300, 40, '#3d8b4f')}${leaf(330, 300, -40, '#4caf50')}`,
  }),
  kiwi: () => ({
    light: '#a8d86a', dark: '#5d9a2a',
    body: `<ellipse cx="300" cy="430" rx="120" ry="90" fill="#8a6a3c"/><circle cx="470" cy="400" r="115" fill="#7a5a30"/><circle cx="470" cy="400" r="105" fill="url(#p)"/><circle cx="470" cy="400" r="34" fill="#f4f7d8"/>${Array.from({ length: 12 }, (_, i) => `<circle cx="${Math.round(470 + 55 * Math.cos((i * Math.PI) / 6))}" cy="${Math.round(400 + 55 * Math.sin((i * Math.PI) / 6))}" r="5" fill="#222"/>`).join('')}`,
  }),
  melon: () => ({
    light: '#f3e58a', dark: '#c5a93a',
    body: `<ellipse cx="400" cy="400" rx="190" ry="125" fill="url(#p)"/>${[-120, -60, 0, 60, 120].map((dx) => `<path d="M${400 + dx} 280Q${400 + dx * 1.4} 400 ${400 + dx} 522" stroke="#9a8a3a" stroke-width="4" fill="none" opacity=".7"/>`).join('')}<path d="M230 360Q300 300 380 330" stroke="#fff" stroke-opacity=".35" stroke-width="14" fill="none"/>`,
  }),
  raisins: () => ({
    light: '#e0a060', dark: '#8a4f1c',
    body: `<path d="M230 400Q400 560 570 400Z" fill="url(#p)"/><rect x="220" y="392" width="360" height="16" rx="8" fill="#6b3a14"/>${Array.from({ length: 14 }, (_, i) => `<ellipse cx="${280 + (i % 7) * 40}" cy="${380 - Math.floor(i / 7) * 26 + (i % 2) * 6}" rx="18" ry="13" fill="${i % 3 ? '#5b2c4a' : '#7a8a2a'}"/>`).join('')}`,
  }),
  honey: () => ({
    light: '#ffc940', dark: '#d98200',
    body: `<rect x="300" y="260" width="200" height="260" rx="40" fill="url(#p)"/><rect x="290" y="226" width="220" height="50" rx="12" fill="#8d5a3b"/><path d="M300 300Q340 330 360 300T420 300T500 300V330H300Z" fill="#d98200" opacity=".7"/><polygon points="400,370 432,388 432,424 400,442 368,424 368,388" fill="#fff" opacity=".75"/><rect x="318" y="290" width="14" height="200" rx="7" fill="#fff" opacity=".3"/>`,
  }),
};

/** The drawing for a product kind. */
export function productShape(kind: ArtKind, accent: Accent): Shape {
  return PRODUCT_SHAPES[kind](accent);
}

const CAMPAIGN_SHAPES: Record<CampaignArt, () => Shape> = {
  // A shopping basket carrying a heart: buying as a way of helping (以购代捐).
  month: () => ({
    light: '#ff7a6b', dark: '#c0392b',
    body: `<path d="M400 330C360 260 260 280 290 360Q310 400 400 450Q490 400 510 360C540 280 440 260 400 330Z" fill="url(#p)"/><path d="M240 420H560L520 520H280Z" fill="#c98a3c"/><path d="M280 420Q400 300 520 420" stroke="#8d5a2b" stroke-width="14" fill="none"/><path d="M270 455H530M290 490H510" stroke="#8d5a2b" stroke-width="6"/>`,
  }),
  // A bridge from the western hills to the eastern city, with goods crossing it.
  bridge: () => ({
    light: '#e8553f', dark: '#8f2a1c',
    body: `<path d="M120 470Q400 250 680 470" stroke="url(#p)" stroke-width="28" fill="none"/>${[200, 280, 360, 440, 520, 600].map((x) => `<path d="M${x} ${470 - Math.round(220 * (1 - ((x - 400) / 280) ** 2) * 0.8)}V470" stroke="#8f2a1c" stroke-width="8"/>`).join('')}<rect x="110" y="466" width="580" height="16" rx="8" fill="#6b3a22"/><rect x="372" y="280" width="56" height="44" rx="6" fill="#f6c945"/><rect x="160" y="380" width="60" height="90" fill="#b77a3a"/><rect x="600" y="330" width="50" height="140" fill="#5c7a99"/><rect x="655" y="370" width="40" height="100" fill="#7c98b3"/>`,
  }),
  // A shelf with a lifted product and the screen above it lighting up.
  shelf: () => ({
    light: '#4fc3f7', dark: '#1565c0',
    body: `<rect x="220" y="150" width="360" height="170" rx="14" fill="#263238"/><rect x="236" y="166" width="328" height="138" rx="6" fill="url(#p)"/><rect x="256" y="190" width="90" height="90" rx="8" fill="#fff" opacity=".85"/><rect x="366" y="196" width="170" height="14" rx="7" fill="#fff" opacity=".8"/><rect x="366" y="226" width="140" height="10" rx="5" fill="#fff" opacity=".6"/><rect x="366" y="250" width="160" height="10" rx="5" fill="#fff" opacity=".6"/><rect x="180" y="470" width="440" height="18" rx="6" fill="#8d6e63"/><rect x="210" y="400" width="70" height="70" rx="10" fill="#e8554a"/><rect x="300" y="390" width="60" height="80" rx="10" fill="#ffc940"/><rect x="440" y="395" width="70" height="75" rx="10" fill="#6bbf8a"/><rect x="525" y="405" width="60" height="65" rx="10" fill="#d9a066"/><rect x="375" y="340" width="52" height="72" rx="10" fill="#f2c14e" transform="rotate(-8 400 376)"/><path d="M400 330V318" stroke="#fff" stroke-width="6" stroke-linecap="round"/>`,
  }),
};

/** The drawing for a campaign motif. */
export function campaignShape(art: CampaignArt): Shape {
  return CAMPAIGN_SHAPES[art]();
}
