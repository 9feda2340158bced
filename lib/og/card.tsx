// The link preview drawn for an article or one of its causes (1200×630, the size Open Graph and
// X's summary_large_image cards show uncropped). Built at `next build` by next/og from the
// site's own fonts; every string goes through drawable() first, so no glyph is ever looked up
// on the network.
import { ImageResponse } from "next/og";
import { ogFonts } from "./fonts.server";
import { clip, drawable } from "./text";

export const OG_SIZE = { width: 1200, height: 630 } as const;

export type CardInput = {
  /** names the article in an error about a character the fonts cannot draw */
  where: string;
  /** a small line above the title: the platform, or "Cause 2 of 5" */
  kicker: string;
  title: string;
  /** the article a cause card belongs to */
  subtitle?: string;
  error: string;
  facts: string[];
};

const COLORS = { bg: "#0d1117", panel: "#161b22", border: "#30363d", fg: "#e6edf3", muted: "#9da7b3", accent: "#ff9b5c" };

function titleSize(title: string): number {
  if (title.length <= 40) return 68;
  if (title.length <= 70) return 58;
  return 48;
}

export function cardElement(input: CardInput) {
  const { coverage } = ogFonts();
  const sans = (text: string, field: string, bold = false) => drawable(text, coverage.sans[bold ? 700 : 400], `${input.where}: ${field}`);
  const title = sans(clip(input.title, 120), "title", true);
  const subtitle = input.subtitle ? sans(clip(input.subtitle, 90), "subtitle") : null;
  const error = drawable(clip(input.error, 64), coverage.mono[400], `${input.where}: error`);
  const kicker = sans(input.kicker, "kicker", true);
  const facts = input.facts.map((f, i) => sans(f, `facts[${i}]`));
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", justifyContent: "space-between", padding: "56px 64px", background: COLORS.bg, color: COLORS.fg, fontFamily: "Inter" }}>
      <div style={{ display: "flex", alignItems: "center", justifyContent: "space-between" }}>
        <div style={{ display: "flex", alignItems: "center", gap: 16 }}>
          <div style={{ width: 22, height: 22, borderRadius: 11, background: COLORS.accent }} />
          <div style={{ fontSize: 30, fontWeight: 700, letterSpacing: 1 }}>Deadline</div>
        </div>
        <div style={{ fontSize: 26, fontWeight: 700, color: COLORS.accent }}>{kicker}</div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", gap: 22 }}>
        <div style={{ fontSize: titleSize(title), fontWeight: 700, lineHeight: 1.15 }}>{title}</div>
        {subtitle ? <div style={{ fontSize: 28, color: COLORS.muted }}>{subtitle}</div> : null}
        <div style={{ display: "flex" }}>
          <div style={{ fontFamily: "JetBrains Mono", fontSize: 28, padding: "12px 20px", borderRadius: 10, background: COLORS.panel, border: `2px solid ${COLORS.border}`, color: COLORS.fg }}>{error}</div>
        </div>
      </div>
      <div style={{ display: "flex", gap: 28, fontSize: 26, color: COLORS.muted }}>
        {facts.map((fact, i) => (
          <div key={i} style={{ display: "flex" }}>
            {fact}
          </div>
        ))}
      </div>
    </div>
  );
}

export function renderCard(input: CardInput): ImageResponse {
  return new ImageResponse(cardElement(input), { ...OG_SIZE, fonts: ogFonts().fonts });
}
