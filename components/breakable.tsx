import { Fragment } from "react";
import { breakPieces } from "@/lib/content/break-points";

/** Text with <wbr> where an identifier may wrap (lib/content/break-points.ts), for inline code. */
export function Breakable({ text }: { text: string }) {
  return (
    <>
      {breakPieces(text).map((piece, i) => (
        <Fragment key={i}>
          {i > 0 ? <wbr /> : null}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
