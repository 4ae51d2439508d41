import { describe, expect, it } from 'vitest';
import { demoManifestInput } from '../../content/build-demo.ts';
import { svgProblem } from './svg-check.ts';

const svg = (body: string, attrs = '') => Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"${attrs}>${body}</svg>`);

describe('svgProblem (media upload)', () => {
  it('accepts drawings, same-document references and non-ASCII text', () => {
    expect(svgProblem(svg('<defs><linearGradient id="g"/></defs><rect width="4" height="4" fill="url(#g)"/><use xlink:href="#g"/><text>东源 &#x4E1C;</text>'))).toBeNull();
    expect(svgProblem(Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<!-- made by hand -->\n<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>\n'))).toBeNull();
  });

  it('accepts every SVG of the demo catalogue', () => {
    const { input, mediaFiles } = demoManifestInput();
    for (const m of input.media.filter((x) => x.mime === 'image/svg+xml')) expect(svgProblem(mediaFiles.get(m.sha256) ?? Buffer.alloc(0))).toBeNull();
  });

  it.each([
    ['a script', svg('<script>alert(1)</script>'), /script/],
    ['a spaced script', svg('< script>alert(1)</script>'), /script/],
    ['an event handler', svg('<rect width="1"/>', ' onload="alert(1)"'), /event handler/],
    ['an event handler after a quote', svg('<rect width="1"onclick="x()"/>'), /event handler/],
    ['a javascript: link', svg('<a href="javascript:alert(1)"><rect/></a>'), /javascript|external/],
    ['an external image', svg('<image href="https://tracker.example/p.png"/>'), /external reference/],
    ['an unquoted external link', svg('<a xlink:href=http://x.example>x</a>'), /external reference/],
    ['a data: URL', svg('<image href="data:image/svg+xml;base64,PHN2Zz4="/>'), /external reference/],
    ['a CSS url()', svg('<style>rect{fill:url(https://x.example/a)}</style>'), /url\(\)/],
    ['a CSS @import', svg('<style>@import "x.css";</style>'), /@import/],
    ['foreignObject', svg('<foreignObject><div/></foreignObject>'), /embedded/],
    ['a DOCTYPE with entities', Buffer.from('<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>'), /not an SVG|DOCTYPE/],
    ['an animation rewriting a link', svg('<a><set attributeName="href" to="#x"/></a>'), /animation/],
    ['an entity-spelt scheme', svg('<text>&#106;avascript</text>'), /character references/],
    ['HTML', Buffer.from('<html><body>hi</body></html>'), /not an SVG/],
    ['not UTF-8', Buffer.from([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0xfe, 0x3c, 0x2f, 0x73, 0x76, 0x67, 0x3e]), /UTF-8/],
    ['trailing content', Buffer.from('<svg></svg><script>x</script>'), /end with <\/svg>|script/],
  ])('refuses %s', (_name, bytes, message) => {
    expect(svgProblem(bytes)).toMatch(message);
  });
});
