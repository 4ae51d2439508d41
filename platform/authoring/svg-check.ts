/**
 * A conservative check of an uploaded SVG, before anything is stored. SVG is a document format:
 * it can carry scripts, event handlers, links and external loads, and the authoring app shows
 * uploads on the platform's own origin. Rather than sanitise (and risk missing a trick), we
 * refuse any SVG that holds anything but drawing: what design tools export for a picture passes.
 * Serving adds a sandboxing CSP as a second line (platform/routes/media-routes.ts).
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/<!DOCTYPE|<!ENTITY/i, 'a DOCTYPE or entity declaration'],
  [/<\?xml-stylesheet/i, 'an external stylesheet'],
  [/<\s*script/i, 'a <script> element'],
  [/<\s*(foreignObject|iframe|embed|object|audio|video|handler|listener|feImage)\b/i, 'an embedded document or active element'],
  [/[\s"'/]on[a-z]+\s*=/i, 'an event handler attribute (on…=)'],
  [/javascript\s*:/i, 'a javascript: URL'],
  // Only same-document references (`#id`) may appear: anything else loads or links elsewhere.
  [/(?:href|src)\s*=\s*(?!\s*["']\s*#)/i, 'an external reference (href or src not starting with #)'],
  [/url\s*\(\s*(?!["']?\s*#)/i, 'an external reference in url()'],
  [/@import/i, 'a CSS @import'],
  [/<\s*(animate|animateMotion|animateTransform|set)\b[^>]*attributeName\s*=\s*["']?\s*(?:xlink:)?(?:href|on)/i, 'an animation that rewrites links or handlers'],
];

/** A numeric character reference to an ASCII character can spell any of the above past the rules. */
function hasAsciiCharRef(text: string): boolean {
  for (const m of text.matchAll(/&#(x[0-9a-f]+|[0-9]+);?/gi)) {
    const raw = m[1] ?? '';
    const code = raw[0] === 'x' || raw[0] === 'X' ? Number.parseInt(raw.slice(1), 16) : Number.parseInt(raw, 10);
    if (!(code > 0x7f)) return true;
  }
  return false;
}

/** Why the bytes are not an acceptable SVG, or null. */
export function svgProblem(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'the SVG is not valid UTF-8';
  }
  if (!/^\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/.test(text)) return 'not an SVG document (it must start with <svg>)';
  if (!/<\/svg\s*>\s*$/.test(text)) return 'the SVG does not end with </svg>';
  for (const [rule, what] of RULES) if (rule.test(text)) return `the SVG contains ${what}; only drawings are accepted`;
  if (hasAsciiCharRef(text)) return 'the SVG spells ASCII characters as character references; only drawings are accepted';
  return null;
}
