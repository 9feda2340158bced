// A README badge, "deadline | verified 2026-11", drawn here as SVG text: no third-party badge
// service, no font file (viewers render it with Verdana or their sans-serif fallback).
import { xml } from "./xml";

// Advance widths at 11 px of Verdana, the face these flat badges are set in, rounded to tenths
// of a pixel; other characters take the widest Latin width so the text never overflows.
const WIDTH: Record<string, number> = {
  " ": 3.9, "-": 4.9, ".": 3.5, ":": 4.4,
  "0": 7, "1": 7, "2": 7, "3": 7, "4": 7, "5": 7, "6": 7, "7": 7, "8": 7, "9": 7,
  a: 6.7, b: 6.9, c: 5.8, d: 6.9, e: 6.6, f: 3.8, g: 6.9, h: 7, i: 3, j: 3.8, k: 6.5, l: 3, m: 10.7,
  n: 7, o: 6.6, p: 6.9, q: 6.9, r: 4.7, s: 5.7, t: 4.3, u: 7, v: 6.5, w: 8.9, x: 6.5, y: 6.5, z: 5.8,
};
const WIDEST = 10.7;

export function textWidth(text: string): number {
  return [...text].reduce((sum, ch) => sum + (WIDTH[ch] ?? WIDEST), 0);
}

/** A flat two-part badge; `color` fills the right part. */
export function badgeSvg(label: string, message: string, color = "#15803d"): string {
  const pad = 6;
  const left = Math.round(textWidth(label) + pad * 2);
  const right = Math.round(textWidth(message) + pad * 2);
  const width = left + right;
  const title = `${label}: ${message}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${xml(title)}">`,
    `<title>${xml(title)}</title>`,
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#r)"><rect width="${left}" height="20" fill="#0d1117"/><rect x="${left}" width="${right}" height="20" fill="${color}"/><rect width="${width}" height="20" fill="url(#s)"/></g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11">`,
    `<text x="${left / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(label)}</text><text x="${left / 2}" y="14">${xml(label)}</text>`,
    `<text x="${left + right / 2}" y="15" fill="#010101" fill-opacity=".3">${xml(message)}</text><text x="${left + right / 2}" y="14">${xml(message)}</text>`,
    `</g></svg>`,
    "",
  ].join("");
}
