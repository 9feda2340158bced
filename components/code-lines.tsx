import type { CodeToken } from "@/lib/content/highlight.server";

/** One highlighted line; colours come from shiki as --shiki-light / --shiki-dark variables. */
export function CodeLine({ tokens }: { tokens: CodeToken[] | undefined }) {
  if (!tokens || tokens.length === 0) return null;
  return (
    <>
      {tokens.map((token, i) => (
        <span key={i} style={token.style}>
          {token.content}
        </span>
      ))}
    </>
  );
}
